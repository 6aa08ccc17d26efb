package io.mailroom.filter.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroom.filter.fake.FakeMailStore;
import io.mailroom.filter.fake.KafkaTopics;
import io.mailroom.filter.fake.TestState;
import io.mailroom.filter.script.Direction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events on the real Kafka broker, filtered against the fake store. */
@QuarkusTest
@QuarkusTestResource(KafkaTopics.class)
class MailEventFilteringTest {
  private static final Duration WAIT = EventFeed.WAIT;
  private static final String INVOICES =
      "require [\"fileinto\", \"mailbox\"];\n"
          + "if header :contains \"subject\" \"invoice\" { fileinto :create \"Invoices\"; }\n";

  @Inject EventFeed feed;
  @Inject FakeMailStore store;
  @Inject Pool pool;
  @Inject ObjectMapper json;

  private String user;

  @BeforeEach
  void reset() {
    user = feed.freshAccount("u");
  }

  private List<FakeMailStore.Call> moves(String account) {
    return store.calls("move").stream().filter(call -> call.account().equals(account)).toList();
  }

  @Test
  void matchingDeliveryIsMovedWithTheEventKeyAndAudited() {
    feed.activate(user, INVOICES, Direction.INCOMING);
    var event = feed.delivered(user, "Your invoice 42");
    feed.send(event);
    TestState.await("the move", WAIT, () -> !moves(user).isEmpty());
    var move = moves(user).get(0);
    assertThat(move.idempotencyKey()).isEqualTo(event.getEventId() + ":0");
    assertThat(move.detail()).isEqualTo("Invoices");
    assertThat(store.mailbox(user, "INBOX").messages).isEmpty();
    assertThat(store.mailbox(user, "Invoices").messages).hasSize(1);
    feed.awaitAudited(user, event);
    var entry = feed.audited(user, event).get(0);
    assertThat(entry.outcome()).isEqualTo("filed");
    assertThat(entry.scriptName()).isEqualTo("main");
    assertThat(entry.locations()).containsExactly(new MessageOutcome.Location("Invoices", 1));
  }

  @Test
  void nonMatchingDeliveryStaysInInbox() {
    feed.activate(user, INVOICES, Direction.INCOMING);
    var event = feed.delivered(user, "lunch?");
    feed.send(event);
    feed.awaitAudited(user, event);
    assertThat(feed.audited(user, event).get(0).outcome()).isEqualTo("kept");
    assertThat(store.calls).filteredOn(call -> call.account().equals(user)).isEmpty();
    assertThat(store.mailbox(user, "INBOX").messages).hasSize(1);
  }

  @Test
  void aRedeliveredEventMovesNothingTwice() {
    feed.activate(user, INVOICES, Direction.INCOMING);
    var event = feed.delivered(user, "invoice 1");
    feed.send(event);
    feed.awaitAudited(user, event);
    feed.send(event);
    // Same key, same partition: once the next event is done, the duplicate was handled.
    var next = feed.delivered(user, "invoice 2");
    feed.send(next);
    feed.awaitAudited(user, next);
    assertThat(moves(user))
        .extracting(FakeMailStore.Call::idempotencyKey)
        .containsExactly(event.getEventId() + ":0", next.getEventId() + ":0");
    assertThat(store.mailbox(user, "Invoices").messages).hasSize(2);
    assertThat(feed.audited(user, event)).hasSize(1);
  }

  @Test
  void aPlanInterruptedByACrashIsReplayedWithTheSameKeys() throws Exception {
    feed.activate(user, INVOICES, Direction.INCOMING);
    var event = feed.delivered(user, "invoice 3");
    var inbox = store.mailbox(user, "INBOX");
    var uid = event.getMessageDelivered().getUid();
    // The crashed replica had stored its plan and moved the message, but not finished.
    var plan =
        new EventPlan(
            event.getEventId(),
            user,
            "INBOX",
            inbox.id,
            inbox.uidValidity,
            "main",
            1,
            List.of(
                new MessagePlan(
                    uid,
                    List.of("fileinto :create \"Invoices\""),
                    List.of(
                        new StoreStep(
                            StoreStep.Kind.COPY, "Invoices", true, true, List.of(), "fileinto")),
                    false,
                    null)));
    pool.preparedQuery(
            "insert into processed_event (event_id, account, state, plan) values ($1, $2, 'planned', $3)")
        .execute(Tuple.of(event.getEventId(), user, json.writeValueAsString(plan)))
        .await()
        .atMost(WAIT);
    store.once(
        event.getEventId() + ":0",
        () -> {
          var box = store.mailbox(user, "INBOX");
          var message = box.messages.remove(uid);
          var target = store.createMailbox(user, "Invoices");
          target.messages.put(target.uidNext++, message);
          return io.mailroom.store.api.v1.CopyReply.newBuilder()
              .addSourceUids(uid)
              .addTargetUids(1)
              .build();
        });
    feed.send(event);
    feed.awaitAudited(user, event);
    assertThat(store.calls("move"))
        .extracting(FakeMailStore.Call::idempotencyKey)
        .containsExactly(event.getEventId() + ":0");
    assertThat(store.mailbox(user, "Invoices").messages).hasSize(1);
    assertThat(feed.audited(user, event).get(0).outcome()).isEqualTo("filed");
  }

  @Test
  void aMessageThatMakesTheScriptFailIsKeptAndAuditedAndTheConsumerGoesOn() {
    feed.activate(
        user,
        "require [\"body\", \"fileinto\"];\n"
            + "if body :contains \"unsubscribe\" { fileinto \"Lists\"; }\n",
        Direction.INCOMING);
    store.unreadableMarkers.add("BROKEN");
    var broken = feed.delivered(user, "BROKEN message");
    feed.send(broken);
    var fine = feed.delivered(user, "fine message");
    feed.send(fine);
    feed.awaitAudited(user, fine);
    feed.awaitAudited(user, broken);
    var entry = feed.audited(user, broken).get(0);
    assertThat(entry.outcome()).isEqualTo("error");
    assertThat(entry.reason()).contains("DATA_LOSS");
    assertThat(entry.locations()).containsExactly(new MessageOutcome.Location("INBOX", 1));
    assertThat(store.mailbox(user, "INBOX").messages).hasSize(2);
  }

  @Test
  void aFileintoIntoAMissingMailboxFallsBackToKeep() {
    feed.activate(
        user,
        "require \"fileinto\";\nif header :contains \"subject\" \"x\" { fileinto \"Nope\"; }\n",
        Direction.INCOMING);
    var event = feed.delivered(user, "x marks");
    feed.send(event);
    feed.awaitAudited(user, event);
    var entry = feed.audited(user, event).get(0);
    assertThat(entry.outcome()).isEqualTo("kept");
    assertThat(entry.reason())
        .isEqualTo("fileinto \"Nope\" failed: no such mailbox, kept in INBOX");
    assertThat(store.mailbox(user, "INBOX").messages).hasSize(1);
  }

  @Test
  void outgoingMailAppendedToSentIsFiledByTheOutgoingScript() {
    feed.activate(
        user,
        "require [\"fileinto\", \"mailbox\", \"imap4flags\"];\n"
            + "if header :contains \"subject\" \"Project X\" {"
            + " fileinto :create :flags \"\\\\Seen\" \"Projects/X\"; }\n",
        Direction.OUTGOING);
    var event = feed.appendedToSent(user, "Subject: Project X status\r\n\r\nall good\r\n");
    feed.send(event);
    feed.awaitAudited(user, event);
    assertThat(store.mailbox(user, "Sent").messages).isEmpty();
    var filed = store.mailbox(user, "Projects/X").messages;
    assertThat(filed).hasSize(1);
    assertThat(filed.firstEntry().getValue().flags).containsExactly("\\Seen");
  }

  @Test
  void anEventThatKeepsFailingGoesToTheDeadLetterTopicAndProcessingGoesOn() {
    var down = "d" + user;
    store.addAccount(down, "pw");
    feed.activate(down, INVOICES, Direction.INCOMING);
    feed.activate(user, INVOICES, Direction.INCOMING);
    store.unavailableFor.add(down);
    var failing = feed.delivered(down, "invoice");
    feed.send(failing);
    var fine = feed.delivered(user, "invoice");
    feed.send(fine);
    feed.awaitAudited(user, fine);

    assertThat(EventFeed.deadLetterReason(failing.getEventId(), WAIT))
        .as("the failing event on the DLQ")
        .hasValueSatisfying(reason -> assertThat(reason).contains("UNAVAILABLE"));
    assertThat(store.mailbox(down, "INBOX").messages).hasSize(1);
  }
}
