package io.mailroom.store.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.Status;
import io.mailroom.store.StoreClient;
import io.mailroom.store.api.v1.BodySection;
import io.mailroom.store.api.v1.ListingRequest;
import io.mailroom.store.api.v1.LockRequest;
import io.mailroom.store.api.v1.MaildropEntry;
import io.mailroom.store.api.v1.ReleaseRequest;
import io.mailroom.store.api.v1.RenewRequest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MaildropTest {

  @Test
  void oneLeaseAtATimeUntilReleased() {
    StoreClient user = StoreClient.create("pop");
    var lock =
        user.maildrop()
            .lock(LockRequest.newBuilder().setHolder("gw-1/s1").setLeaseSeconds(60).build());
    assertThat(lock.getExpiresAtEpochMs()).isGreaterThan(System.currentTimeMillis());
    Throwable second =
        catchThrowable(
            () -> user.maildrop().lock(LockRequest.newBuilder().setHolder("gw-2/s9").build()));
    assertThat(StoreClient.code(second)).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(StoreClient.errorCode(second)).isEqualTo("INUSE");

    var renewed =
        user.maildrop()
            .renew(
                RenewRequest.newBuilder().setLockId(lock.getLockId()).setLeaseSeconds(120).build());
    assertThat(renewed.getExpiresAtEpochMs()).isGreaterThan(lock.getExpiresAtEpochMs());

    user.maildrop().release(ReleaseRequest.newBuilder().setLockId(lock.getLockId()).build());
    var again = user.maildrop().lock(LockRequest.newBuilder().setHolder("gw-2/s9").build());
    assertThat(again.getLockId()).isNotEqualTo(lock.getLockId());
    Throwable stale =
        catchThrowable(
            () ->
                user.maildrop()
                    .renew(RenewRequest.newBuilder().setLockId(lock.getLockId()).build()));
    assertThat(StoreClient.errorCode(stale)).isEqualTo("EXPIRED");
  }

  @Test
  void listingGivesSizesAndTheImmutableEmailIdsAsUidls() {
    StoreClient user = StoreClient.create("pop");
    String one = StoreClient.message("one", "first");
    String two = StoreClient.message("two", "second message");
    var first = user.append("INBOX", one);
    var secondAppend = user.append("INBOX", two);
    var lock = user.maildrop().lock(LockRequest.newBuilder().setHolder("gw").build());
    List<MaildropEntry> entries = new ArrayList<>();
    user.maildrop()
        .listing(ListingRequest.newBuilder().setLockId(lock.getLockId()).build())
        .forEachRemaining(r -> entries.addAll(r.getEntriesList()));
    assertThat(entries).extracting(MaildropEntry::getUid).containsExactly(1, 2);
    assertThat(entries)
        .extracting(MaildropEntry::getSize)
        .containsExactly((long) one.length(), (long) two.length());
    assertThat(entries)
        .extracting(MaildropEntry::getUidl)
        .containsExactly(first.getEmailId(), secondAppend.getEmailId());

    Throwable foreign =
        catchThrowable(
            () ->
                StoreClient.create("pop-other")
                    .maildrop()
                    .listing(ListingRequest.newBuilder().setLockId(lock.getLockId()).build())
                    .next());
    assertThat(StoreClient.code(foreign)).isEqualTo(Status.Code.FAILED_PRECONDITION);
    user.maildrop().release(ReleaseRequest.newBuilder().setLockId(lock.getLockId()).build());
  }

  /**
   * RFC 1939: LIST counts what RETR sends, and RETR ends a message that lacks a final CRLF with one
   * before the terminating ".". IMAP's RFC822.SIZE stays the stored size.
   */
  @Test
  void listingCountsTheCrlfRetrAddsToAMessageWithoutOne() {
    StoreClient user = StoreClient.create("pop");
    String unterminated = "Subject: no final CRLF\r\n\r\nlast line ends here";
    String terminated = StoreClient.message("ends in CRLF", "body");
    user.append("INBOX", unterminated);
    user.append("INBOX", terminated);

    var lock = user.maildrop().lock(LockRequest.newBuilder().setHolder("gw").build());
    List<MaildropEntry> entries = new ArrayList<>();
    user.maildrop()
        .listing(ListingRequest.newBuilder().setLockId(lock.getLockId()).build())
        .forEachRemaining(r -> entries.addAll(r.getEntriesList()));
    user.maildrop().release(ReleaseRequest.newBuilder().setLockId(lock.getLockId()).build());
    assertThat(entries)
        .extracting(MaildropEntry::getSize)
        .containsExactly((long) unterminated.length() + 2, (long) terminated.length());

    var imap =
        new Fetched(
            user.messages()
                .fetch(
                    FetchRequests.fetch(user, "INBOX", 1, 2)
                        .setSize(true)
                        .addSections(BodySection.newBuilder())
                        .build()));
    assertThat(imap.metas)
        .extracting(m -> m.getSize())
        .containsExactly((long) unterminated.length(), (long) terminated.length());
    assertThat(imap.text(1, 0)).isEqualTo(unterminated);
  }
}
