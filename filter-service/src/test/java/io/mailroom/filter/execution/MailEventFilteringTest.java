package io.mailroom.filter.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroom.filter.fake.FakeMailStore;
import io.mailroom.filter.fake.KafkaTopics;
import io.mailroom.filter.fake.TestState;
import io.mailroom.filter.script.Direction;
import io.mailroom.filter.script.ScriptService;
import io.mailroom.store.api.v1.MailEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events on the real Kafka broker, filtered against the fake store. */
@QuarkusTest
@QuarkusTestResource(KafkaTopics.class)
class MailEventFilteringTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String INVOICES =
      "require [\"fileinto\", \"mailbox\"];\n"
          + "if header :contains \"subject\" \"invoice\" { fileinto :create \"Invoices\"; }\n";

  private static EventFeed feed;

  @Inject TestState state;
  @Inject FakeMailStore store;
  @Inject ScriptService scripts;
  @Inject AuditLog audit;
  @Inject Pool pool;
  @Inject ObjectMapper json;

  @BeforeAll
  static void connect() {
    feed = new EventFeed();
  }

  @AfterAll
  static void disconnect() {
    feed.close();
  }

  /** A fresh account per test: events left over from other tests find no script and no mail. */
  private String user;

  @BeforeEach
  void reset() {
    state.reset();
    feed.awaitConsumer(store, scripts, audit);
    user = "u" + UUID.randomUUID().toString().substring(0, 8);
    store.addAccount(user, "pw");
  }

  private List<FakeMailStore.Call> moves(String account) {
    return store.calls("move").stream().filter(call -> call.account().equals(account)).toList();
  }

  private void activate(String account, String script, Direction direction) {
    scripts.put(account, "main", script).await().atMost(WAIT);
    scripts.activate(account, "main", direction).await().atMost(WAIT);
  }

  private MailEvent delivered(String account, String subject) {
    return EventFeed.delivered(store, account, subject);
  }

  private static void send(MailEvent event) {
    feed.send(event);
  }

  private List<AuditEntry> audited(String account, String eventId) {
    return audit.find(account, null, null, 100).await().atMost(WAIT).stream()
        .filter(entry -> entry.eventId().equals(eventId))
        .toList();
  }

  private void awaitAudited(String account, MailEvent event) {
    TestState.await(
        "event " + event.getEventId() + " to be audited",
        WAIT,
        () -> !audited(account, event.getEventId()).isEmpty());
  }

  @Test
  void matchingDeliveryIsMovedWithTheEventKeyAndAudited() {
    activate(user, INVOICES, Direction.INCOMING);
    var event = delivered(user, "Your invoice 42");
    send(event);
    TestState.await("the move", WAIT, () -> !moves(user).isEmpty());
    var move = moves(user).get(0);
    assertThat(move.idempotencyKey()).isEqualTo(event.getEventId() + ":0");
    assertThat(move.detail()).isEqualTo("Invoices");
    assertThat(store.mailbox(user, "INBOX").messages).isEmpty();
    assertThat(store.mailbox(user, "Invoices").messages).hasSize(1);
    awaitAudited(user, event);
    var entry = audited(user, event.getEventId()).get(0);
    assertThat(entry.outcome()).isEqualTo("filed");
    assertThat(entry.scriptName()).isEqualTo("main");
    assertThat(entry.locations()).containsExactly(new MessageOutcome.Location("Invoices", 1));
  }

  @Test
  void nonMatchingDeliveryStaysInInbox() {
    activate(user, INVOICES, Direction.INCOMING);
    var event = delivered(user, "lunch?");
    send(event);
    awaitAudited(user, event);
    assertThat(audited(user, event.getEventId()).get(0).outcome()).isEqualTo("kept");
    assertThat(store.calls).filteredOn(call -> call.account().equals(user)).isEmpty();
    assertThat(store.mailbox(user, "INBOX").messages).hasSize(1);
  }

  @Test
  void aRedeliveredEventMovesNothingTwice() {
    activate(user, INVOICES, Direction.INCOMING);
    var event = delivered(user, "invoice 1");
    send(event);
    awaitAudited(user, event);
    send(event);
    // Same key, same partition: once the next event is done, the duplicate was handled.
    var next = delivered(user, "invoice 2");
    send(next);
    awaitAudited(user, next);
    assertThat(moves(user))
        .extracting(FakeMailStore.Call::idempotencyKey)
        .containsExactly(event.getEventId() + ":0", next.getEventId() + ":0");
    assertThat(store.mailbox(user, "Invoices").messages).hasSize(2);
    assertThat(audited(user, event.getEventId())).hasSize(1);
  }

  @Test
  void aPlanInterruptedByACrashIsReplayedWithTheSameKeys() throws Exception {
    activate(user, INVOICES, Direction.INCOMING);
    var event = delivered(user, "invoice 3");
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
    send(event);
    awaitAudited(user, event);
    assertThat(store.calls("move"))
        .extracting(FakeMailStore.Call::idempotencyKey)
        .containsExactly(event.getEventId() + ":0");
    assertThat(store.mailbox(user, "Invoices").messages).hasSize(1);
    assertThat(audited(user, event.getEventId()).get(0).outcome()).isEqualTo("filed");
  }

  @Test
  void aMessageThatMakesTheScriptFailIsKeptAndAuditedAndTheConsumerGoesOn() {
    activate(
        user,
        "require [\"body\", \"fileinto\"];\n"
            + "if body :contains \"unsubscribe\" { fileinto \"Lists\"; }\n",
        Direction.INCOMING);
    store.unreadableMarkers.add("BROKEN");
    var broken = delivered(user, "BROKEN message");
    send(broken);
    var fine = delivered(user, "fine message");
    send(fine);
    awaitAudited(user, fine);
    awaitAudited(user, broken);
    var entry = audited(user, broken.getEventId()).get(0);
    assertThat(entry.outcome()).isEqualTo("error");
    assertThat(entry.reason()).contains("DATA_LOSS");
    assertThat(entry.locations()).containsExactly(new MessageOutcome.Location("INBOX", 1));
    assertThat(store.mailbox(user, "INBOX").messages).hasSize(2);
  }

  @Test
  void aFileintoIntoAMissingMailboxFallsBackToKeep() {
    activate(
        user,
        "require \"fileinto\";\nif header :contains \"subject\" \"x\" { fileinto \"Nope\"; }\n",
        Direction.INCOMING);
    var event = delivered(user, "x marks");
    send(event);
    awaitAudited(user, event);
    var entry = audited(user, event.getEventId()).get(0);
    assertThat(entry.outcome()).isEqualTo("kept");
    assertThat(entry.reason())
        .isEqualTo("fileinto \"Nope\" failed: no such mailbox, kept in INBOX");
    assertThat(store.mailbox(user, "INBOX").messages).hasSize(1);
  }

  @Test
  void outgoingMailAppendedToSentIsFiledByTheOutgoingScript() {
    activate(
        user,
        "require [\"fileinto\", \"mailbox\", \"imap4flags\"];\n"
            + "if header :contains \"subject\" \"Project X\" {"
            + " fileinto :create :flags \"\\\\Seen\" \"Projects/X\"; }\n",
        Direction.OUTGOING);
    var event =
        EventFeed.appendedToSent(store, user, "Subject: Project X status\r\n\r\nall good\r\n");
    send(event);
    awaitAudited(user, event);
    assertThat(store.mailbox(user, "Sent").messages).isEmpty();
    var filed = store.mailbox(user, "Projects/X").messages;
    assertThat(filed).hasSize(1);
    assertThat(filed.firstEntry().getValue().flags).containsExactly("\\Seen");
  }

  @Test
  void anEventThatKeepsFailingGoesToTheDeadLetterTopicAndProcessingGoesOn() {
    var down = "d" + user;
    store.addAccount(down, "pw");
    activate(down, INVOICES, Direction.INCOMING);
    activate(user, INVOICES, Direction.INCOMING);
    store.unavailableFor.add(down);
    var failing = delivered(down, "invoice");
    send(failing);
    var fine = delivered(user, "invoice");
    send(fine);
    awaitAudited(user, fine);

    assertThat(EventFeed.deadLetterReason(failing.getEventId(), WAIT))
        .as("the failing event on the DLQ")
        .hasValueSatisfying(reason -> assertThat(reason).contains("UNAVAILABLE"));
    assertThat(store.mailbox(down, "INBOX").messages).hasSize(1);
  }
}
