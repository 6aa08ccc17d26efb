package io.mailroom.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.client.StoreFailure.Reason;
import io.mailroom.store.client.auth.Login;
import io.mailroom.store.client.maildrop.MaildropEntry;
import io.mailroom.store.client.maildrop.MaildropLock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The POP3 maildrop: one lease holder at a time, and the INBOX listing under it. */
public interface MaildropContract extends ContractFixtures {
  @Test
  default void theMaildropHasOneHolderUntilReleased() {
    String user = newAccount("pw");
    Login first = login(user, "pw");
    Login second = login(user, "pw");
    var maildrop = clients().maildrop();
    MaildropLock held = await(maildrop.lock(first, "contract/1", 60));
    assertThat(held.expiresAtEpochMs()).isGreaterThan(System.currentTimeMillis());
    assertThat(failure(() -> maildrop.lock(second, "contract/2", 60))).isEqualTo(Reason.INUSE);

    MaildropLock renewed = await(maildrop.renew(first, held, 120));
    assertThat(renewed.lockId()).isEqualTo(held.lockId());
    assertThat(renewed.expiresAtEpochMs()).isGreaterThan(held.expiresAtEpochMs());
    assertThat(renewed.inbox()).isEqualTo(held.inbox());

    await(maildrop.release(first, held));
    MaildropLock taken = await(maildrop.lock(second, "contract/2", 60));
    assertThat(taken.lockId()).isNotEqualTo(held.lockId());
    assertThat(failure(() -> maildrop.renew(first, held, 60))).isEqualTo(Reason.EXPIRED);
    assertThat(failure(() -> maildrop.listing(first, held))).isEqualTo(Reason.EXPIRED);
    await(maildrop.release(second, taken));
  }

  @Test
  default void aLeaseOfNoStatedLengthLastsAMinute() {
    Login login = login(newAccount("pw"), "pw");
    var maildrop = clients().maildrop();
    long before = System.currentTimeMillis();
    MaildropLock lock = await(maildrop.lock(login, "contract", 0));
    assertThat(lock.expiresAtEpochMs()).isBetween(before + 50_000, before + 70_000);
    MaildropLock renewed = await(maildrop.renew(login, lock, 0));
    assertThat(renewed.expiresAtEpochMs()).isGreaterThanOrEqualTo(lock.expiresAtEpochMs());
    await(maildrop.release(login, renewed));
  }

  @Test
  default void aLapsedLeaseIsExpiredAndTheMaildropIsFreeAgain() throws InterruptedException {
    String user = newAccount("pw");
    Login first = login(user, "pw");
    var maildrop = clients().maildrop();
    MaildropLock stale = await(maildrop.lock(first, "contract/1", 1));
    // the shortest lease there is; waiting it out is the point of the test
    Thread.sleep(2_100);
    assertThat(failure(() -> maildrop.renew(first, stale, 60))).isEqualTo(Reason.EXPIRED);
    Login second = login(user, "pw");
    MaildropLock taken = await(maildrop.lock(second, "contract/2", 60));
    assertThat(await(maildrop.listing(second, taken))).isEmpty();
    await(maildrop.release(second, taken));
  }

  @Test
  default void theListingGivesEachMessagesRetrSizeAndAUidlThatStays() {
    var alice = accountWith(WITH_CRLF, WITHOUT_CRLF);
    List<MaildropEntry> listing = alice.listing();
    assertThat(listing).hasSize(2);
    assertThat(listing.get(0).uid()).isLessThan(listing.get(1).uid());
    // RETR adds the CRLF a message lacks, and the listing counts it
    assertThat(listing)
        .extracting(MaildropEntry::size)
        .containsExactly((long) WITH_CRLF.length(), WITHOUT_CRLF.length() + 2L);
    assertThat(listing.get(0).uidl()).isNotEqualTo(listing.get(1).uidl());
    assertThat(listing(alice.login())).isEqualTo(listing);
  }
}
