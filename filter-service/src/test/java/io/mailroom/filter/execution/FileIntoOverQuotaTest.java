package io.mailroom.filter.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.filter.script.Direction;
import io.mailroom.filter.testing.KafkaTopics;
import io.mailroom.store.api.v1.MailEvent;
import io.mailroom.store.testkit.InMemoryStore;
import io.mailroom.store.testkit.StoreCall;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: a fileinto into a full account. The store refuses the copy with OVERQUOTA, which is no
 * reason to try again: the message stays where it is (RFC 5228 2.10.6, as Pigeonhole does), the
 * audit says why, the event is acknowledged and nothing goes to the dead-letter topic.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTopics.class)
class FileIntoOverQuotaTest {
  private static final String LISTS =
      "require [\"fileinto\", \"copy\"];\n"
          + "if header :contains \"subject\" \"[list]\" { fileinto :copy \"Lists\"; }\n";

  @Inject EventFeed feed;
  @Inject InMemoryStore store;

  private String user;

  @BeforeEach
  void reset() {
    user = feed.freshAccount("q");
    store.createMailbox(user, "Lists");
  }

  private void activate(String script, Direction direction) {
    feed.activate(user, script, direction);
  }

  /** Room for what the account holds now, not for one more copy of it. */
  private void fillTheQuota() {
    store.quota(user, store.usedBytes(user) + 10);
  }

  private List<AuditEntry> audited(MailEvent event) {
    return feed.audited(user, event);
  }

  private void awaitAudited(MailEvent event) {
    feed.awaitAudited(user, event);
  }

  private List<StoreCall> callsOf(String account) {
    return store.calls().of(account);
  }

  @Test
  void aFileintoIntoAFullAccountKeepsTheMessageInInboxAndTheAuditSaysWhy() {
    activate(LISTS, Direction.INCOMING);
    var event = feed.delivered(user, "[list] weekly digest");
    fillTheQuota();
    feed.send(event);
    // The account's next event (same key, same partition) is taken only once this one settled,
    // retries included: after it, every store call this one made has been made.
    var next = feed.delivered(user, "lunch?");
    feed.send(next);
    awaitAudited(next);

    var entries = audited(event);
    assertThat(entries).hasSize(1);
    var entry = entries.get(0);
    assertThat(entry.actions()).containsExactly("fileinto :copy \"Lists\"", "keep");
    assertThat(entry.outcome()).isEqualTo("kept");
    assertThat(entry.reason())
        .isEqualTo("fileinto :copy \"Lists\" failed: over quota, kept in INBOX");
    var uid = event.getMessageDelivered().getUid();
    assertThat(entry.locations()).containsExactly(new MessageOutcome.Location("INBOX", uid));
    assertThat(store.uids(user, "INBOX")).containsExactly((long) uid, uid + 1L);
    assertThat(store.uids(user, "Lists")).isEmpty();
    assertThat(callsOf(user))
        .as("one copy, refused once: no retry, no second copy into INBOX")
        .containsExactly(new StoreCall("copy", user, event.getEventId() + ":0", "Lists"));
    assertThat(EventFeed.deadLetterReason(event.getEventId(), Duration.ZERO)).isEmpty();
  }

  @Test
  void aFileintoFromSentIntoAFullAccountKeepsTheMessageInSent() {
    activate("require \"fileinto\";\nfileinto \"Archive\";\nkeep;\n", Direction.OUTGOING);
    store.createMailbox(user, "Archive");
    var event = feed.appendedToSent(user, "Subject: report\r\n\r\nattached\r\n");
    fillTheQuota();
    feed.send(event);
    awaitAudited(event);

    var entry = audited(event).get(0);
    assertThat(entry.outcome()).isEqualTo("kept");
    assertThat(entry.reason()).isEqualTo("fileinto \"Archive\" failed: over quota, kept in Sent");
    assertThat(store.uids(user, "Sent")).hasSize(1);
    assertThat(store.uids(user, "Archive")).isEmpty();
    assertThat(callsOf(user))
        .containsExactly(new StoreCall("copy", user, event.getEventId() + ":0", "Archive"));
    assertThat(EventFeed.deadLetterReason(event.getEventId(), Duration.ZERO)).isEmpty();
  }

  @Test
  void aFileintoThatMovesTakesNoRoomAndFilesEvenInAFullAccount() {
    activate("require \"fileinto\";\nfileinto \"Lists\";\n", Direction.INCOMING);
    var event = feed.delivered(user, "[list] weekly digest");
    fillTheQuota();
    feed.send(event);
    awaitAudited(event);

    var entry = audited(event).get(0);
    assertThat(entry.outcome()).isEqualTo("filed");
    assertThat(entry.reason()).isNull();
    assertThat(store.uids(user, "INBOX")).isEmpty();
    assertThat(store.uids(user, "Lists")).hasSize(1);
    assertThat(callsOf(user))
        .containsExactly(new StoreCall("move", user, event.getEventId() + ":0", "Lists"));
  }
}
