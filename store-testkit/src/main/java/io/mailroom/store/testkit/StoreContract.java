package io.mailroom.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mailroom.store.client.StoreFailure;
import io.mailroom.store.client.StoreFailure.Reason;
import io.mailroom.store.client.auth.Credentials;
import io.mailroom.store.client.auth.Login;
import io.mailroom.store.client.mailbox.MailboxRef;
import io.mailroom.store.client.maildrop.MaildropEntry;
import io.mailroom.store.client.maildrop.MaildropLock;
import io.mailroom.store.client.message.FetchPart;
import io.mailroom.store.client.message.FetchSpec;
import io.mailroom.store.client.message.FetchSpec.Section;
import io.mailroom.store.client.message.FlagUpdate;
import io.mailroom.store.client.message.UidSet;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What every store must do for its callers, checked through store-client as a gateway calls it.
 * Implemented once for the in-memory store and once for the real store-service: where they
 * disagree, the real one is right. An implementation supplies fresh accounts, delivery into an
 * INBOX, and the clients; each test makes its own accounts, so tests may share one store.
 */
public interface StoreContract {
  String WITH_CRLF = "From: bob@example.org\r\nSubject: with\r\n\r\nline 1\r\nline 2\r\n";
  String WITHOUT_CRLF = "Subject: without\r\n\r\nline 1\r\nno line end";

  /** Creates an account with this password; answers its username, unused so far in the store. */
  String newAccount(String password);

  /** Delivers {@code message} into the account's INBOX, as LMTP would. */
  void deliver(String username, byte[] message);

  /** store-client's clients, connected to the store under test. */
  StoreClients clients();

  @Test
  default void theRightPasswordLogsInAsPasswordAndAsSaslPlain() {
    String user = newAccount("right horse");
    Login login = login(user, "right horse");
    assertThat(login.username()).isEqualTo(user);
    assertThat(login.token()).isNotEmpty();
    byte[] plain = ("\0" + user + "\0right horse").getBytes(StandardCharsets.UTF_8);
    Login sasl =
        await(clients().auth().authenticate(new Credentials.SaslPlain(plain), ip(), "imap"));
    assertThat(sasl.username()).isEqualTo(user);
  }

  @Test
  default void aWrongPasswordAndAnUnknownUserFailForTheSameReason() {
    String user = newAccount("right horse");
    assertThat(failure(() -> loginUni(user, "wrong horse")))
        .isEqualTo(Reason.AUTHENTICATION_FAILED);
    assertThat(failure(() -> loginUni(user + "-nobody", "right horse")))
        .isEqualTo(Reason.AUTHENTICATION_FAILED);
  }

  @Test
  default void aTokenTheStoreDidNotIssueIsRefused() {
    String user = newAccount("pw");
    var forged = new Login(user, "forged-token");
    assertThat(failure(() -> clients().maildrop().lock(forged, "contract", 60)))
        .isEqualTo(Reason.AUTHENTICATION_FAILED);
  }

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

  @Test
  default void sectionsAreTheStoredBytesExactly() {
    var alice = accountWith(WITH_CRLF, WITHOUT_CRLF);
    Login login = alice.login();
    MailboxRef inbox = alice.inbox();
    for (int i = 0; i < 2; i++) {
      String message = i == 0 ? WITH_CRLF : WITHOUT_CRLF;
      long uid = alice.uid(i);
      int split = message.indexOf("\r\n\r\n") + 4;
      assertThat(section(login, inbox, uid, Section.whole())).isEqualTo(message);
      assertThat(section(login, inbox, uid, Section.header()))
          .isEqualTo(message.substring(0, split));
      assertThat(section(login, inbox, uid, Section.bodyText()))
          .isEqualTo(message.substring(split));
    }
  }

  @Test
  default void bareLineEndsAreKeptAsCrlf() {
    var alice = accountWith("Subject: bare\n\nline 1\nline 2\n");
    String kept = "Subject: bare\r\n\r\nline 1\r\nline 2\r\n";
    assertThat(alice.listing().get(0).size()).isEqualTo(kept.length());
    assertThat(section(alice.login(), alice.inbox(), alice.uid(0), Section.whole()))
        .isEqualTo(kept);
  }

  @Test
  default void aMessageRemovedSinceTheListingIsNonexistent() {
    var alice = accountWith(WITH_CRLF);
    var gone = UidSet.one(alice.uid(0));
    await(clients().updates().remove(alice.login(), alice.inbox(), gone, "contract-gone"));
    assertThat(
            failure(() -> sectionUni(alice.login(), alice.inbox(), alice.uid(0), Section.whole())))
        .isEqualTo(Reason.NONEXISTENT);
  }

  @Test
  default void anotherAccountsInboxDoesNotExist() {
    var alice = accountWith(WITH_CRLF);
    MailboxRef alicesInbox = alice.inbox();
    long uid = alice.uid(0);
    Login bobLogin = accountWith().login();
    assertThat(failure(() -> sectionUni(bobLogin, alicesInbox, uid, Section.whole())))
        .isEqualTo(Reason.NONEXISTENT);
    assertThat(
            failure(() -> clients().updates().remove(bobLogin, alicesInbox, UidSet.one(uid), "k")))
        .isEqualTo(Reason.NONEXISTENT);
    assertThat(listing(alice.login())).hasSize(1);
  }

  @Test
  default void anInboxOfAnotherUidValidityWasRecreated() {
    var alice = accountWith(WITH_CRLF);
    long uidValidity = alice.inbox().uidValidity();
    var recreated = new MailboxRef(alice.inbox().mailboxId(), uidValidity == 1 ? 2 : 1);
    assertThat(failure(() -> sectionUni(alice.login(), recreated, alice.uid(0), Section.whole())))
        .isEqualTo(Reason.UIDVALIDITY_CHANGED);
  }

  @Test
  default void seenIsSetByStoreFlagsAndNotByReadingASection() {
    var alice = accountWith(WITH_CRLF);
    Login login = alice.login();
    MailboxRef inbox = alice.inbox();
    long uid = alice.uid(0);
    section(login, inbox, uid, Section.whole());
    assertThat(flags(login, inbox, uid)).doesNotContain("\\Seen");

    var updates = clients().updates();
    var seen = FlagUpdate.add(List.of("\\Seen"));
    var stored = await(updates.storeFlags(login, inbox, UidSet.one(uid), seen));
    assertThat(stored.updated()).hasSize(1);
    assertThat(stored.updated().get(0).uid()).isEqualTo(uid);
    assertThat(stored.updated().get(0).flags()).contains("\\Seen");
    assertThat(flags(login, inbox, uid)).contains("\\Seen");
    // nothing changes the second time, and only changes are answered
    assertThat(await(updates.storeFlags(login, inbox, UidSet.one(uid), seen)).updated()).isEmpty();
  }

  @Test
  default void aRemovalRepeatedWithItsKeyRemovesNothingMore() {
    var alice = accountWith(WITH_CRLF, WITHOUT_CRLF);
    Login login = alice.login();
    MailboxRef inbox = alice.inbox();
    List<MaildropEntry> before = alice.listing();
    long first = alice.uid(0);
    var updates = clients().updates();
    assertThat(await(updates.remove(login, inbox, UidSet.one(first), "contract-quit-1")))
        .containsExactly(first);
    assertThat(await(updates.remove(login, inbox, UidSet.one(first), "contract-quit-1"))).isEmpty();
    assertThat(listing(login)).containsExactly(before.get(1));
  }

  // What the tests share: logins, the INBOX, whole sections, failures as their reason.

  /** A new account logged in, with messages delivered: its INBOX and what the listing shows. */
  record Filled(Login login, MailboxRef inbox, List<MaildropEntry> listing) {
    long uid(int index) {
      return listing.get(index).uid();
    }
  }

  private Filled accountWith(String... messages) {
    String user = newAccount("pw");
    for (String message : messages) {
      deliver(user, bytes(message));
    }
    Login login = login(user, "pw");
    return new Filled(login, inbox(login), listing(login));
  }

  private Login login(String user, String password) {
    return await(loginUni(user, password));
  }

  private Uni<Login> loginUni(String user, String password) {
    return clients().auth().authenticate(new Credentials.Password(user, password), ip(), "pop3");
  }

  /** The INBOX, as a POP3 session learns it: from its lock. */
  private MailboxRef inbox(Login login) {
    var maildrop = clients().maildrop();
    MaildropLock lock = await(maildrop.lock(login, "contract", 60));
    await(maildrop.release(login, lock));
    return lock.inbox();
  }

  private List<MaildropEntry> listing(Login login) {
    var maildrop = clients().maildrop();
    MaildropLock lock = await(maildrop.lock(login, "contract", 60));
    try {
      return await(maildrop.listing(login, lock));
    } finally {
      await(maildrop.release(login, lock));
    }
  }

  private String section(Login login, MailboxRef inbox, long uid, Section section) {
    return new String(await(sectionUni(login, inbox, uid, section)), StandardCharsets.UTF_8);
  }

  private Uni<byte[]> sectionUni(Login login, MailboxRef inbox, long uid, Section section) {
    Multi<byte[]> chunks = clients().fetch().section(login, inbox, uid, section);
    return chunks
        .collect()
        .in(ByteArrayOutputStream::new, (out, chunk) -> out.writeBytes(chunk))
        .map(ByteArrayOutputStream::toByteArray);
  }

  private List<String> flags(Login login, MailboxRef inbox, long uid) {
    var spec = new FetchSpec(true, false, false, false, false, false, List.of(), false, 0);
    List<FetchPart> parts =
        await(clients().fetch().fetch(login, inbox, UidSet.one(uid), spec).collect().asList());
    assertThat(parts).hasSize(1);
    return ((FetchPart.Meta) parts.get(0)).flags();
  }

  private static Reason failure(Supplier<Uni<?>> call) {
    Throwable thrown = catchThrowable(() -> await(call.get()));
    assertThat(thrown).isInstanceOf(StoreFailure.class);
    return ((StoreFailure) thrown).reason();
  }

  private static <T> T await(Uni<T> uni) {
    return uni.await().atMost(Duration.ofSeconds(30));
  }

  private static byte[] bytes(String message) {
    return message.getBytes(StandardCharsets.UTF_8);
  }

  private static String ip() {
    return "192.0.2.1";
  }
}
