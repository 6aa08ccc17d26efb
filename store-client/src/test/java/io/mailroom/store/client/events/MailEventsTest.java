package io.mailroom.store.client.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroom.store.api.v1.MessageAppended;
import io.mailroom.store.api.v1.MessageDelivered;
import io.mailroom.store.api.v1.MessagesExpunged;
import io.mailroom.store.client.events.MailChange.Source;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailEventsTest {
  private static final io.mailroom.store.api.v1.MailboxPointer SENT =
      io.mailroom.store.api.v1.MailboxPointer.newBuilder()
          .setMailboxId(7)
          .setName("Sent")
          .setUidValidity(-1) // 4294967295 unsigned
          .setSpecialUse("\\Sent")
          .build();

  private static io.mailroom.store.api.v1.MailEvent.Builder event() {
    return io.mailroom.store.api.v1.MailEvent.newBuilder()
        .setEventId("e-1")
        .setAccountId(42)
        .setUsername("alice")
        .setOccurredAtEpochMs(1_700_000_000_000L);
  }

  @Test
  void aDeliveryIsReadWithItsEnvelopeAndUnsignedUid() {
    byte[] bytes =
        event()
            .setMessageDelivered(
                MessageDelivered.newBuilder()
                    .setMailbox(SENT.toBuilder().setName("INBOX").setSpecialUse(""))
                    .setUid(-2) // 4294967294 unsigned
                    .setModseq(9)
                    .setEmailId("M1")
                    .setMailFrom("bob@example.org")
                    .setRecipient("alice@mailroom.test"))
            .build()
            .toByteArray();

    var event = MailEvents.decode(bytes).orElseThrow();

    assertThat(event.eventId()).isEqualTo("e-1");
    assertThat(event.accountId()).isEqualTo(42);
    assertThat(event.username()).isEqualTo("alice");
    assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
    var delivered = (MailChange.MessageDelivered) event.change();
    assertThat(delivered.mailbox()).isEqualTo(new MailboxPointer(7, "INBOX", 4294967295L, ""));
    assertThat(delivered.mailbox().isInbox()).isTrue();
    assertThat(delivered.uid()).isEqualTo(4294967294L);
    assertThat(delivered.mailFrom()).isEqualTo("bob@example.org");
    assertThat(delivered.recipient()).isEqualTo("alice@mailroom.test");
  }

  @Test
  void anAppendSaysWhereItCameFrom() {
    var append = MessageAppended.newBuilder().setMailbox(SENT).addUids(3).addUids(4);

    assertThat(sourceOf(append.setSource("")))
        .as("stores before the field wrote nothing")
        .isEqualTo(Source.APPEND);
    assertThat(sourceOf(append.setSource("append"))).isEqualTo(Source.APPEND);
    assertThat(sourceOf(append.setSource("copy"))).isEqualTo(Source.COPY);
    assertThat(sourceOf(append.setSource("move"))).isEqualTo(Source.MOVE);
    assertThat(sourceOf(append.setSource("import"))).isEqualTo(Source.OTHER);
    var appended =
        (MailChange.MessageAppended)
            MailEvents.decode(event().setMessageAppended(append).build().toByteArray())
                .orElseThrow()
                .change();
    assertThat(appended.uids()).containsExactly(3L, 4L);
    assertThat(appended.mailbox().is("\\sent")).isTrue();
  }

  private static Source sourceOf(MessageAppended.Builder append) {
    var change =
        MailEvents.decode(event().setMessageAppended(append).build().toByteArray())
            .orElseThrow()
            .change();
    return ((MailChange.MessageAppended) change).source();
  }

  @Test
  void anExpungeCarriesItsUids() {
    byte[] bytes =
        event()
            .setMessagesExpunged(
                MessagesExpunged.newBuilder().setMailbox(SENT).addAllUids(List.of(1, 2)))
            .build()
            .toByteArray();

    var change = MailEvents.decode(bytes).orElseThrow().change();

    assertThat(change)
        .isEqualTo(
            new MailChange.MessagesExpunged(
                new MailboxPointer(7, "Sent", 4294967295L, "\\Sent"), List.of(1L, 2L), 0));
  }

  @Test
  void anEventOfAKindThisBuildDoesNotKnowIsSkipped() {
    assertThat(MailEvents.decode(event().build().toByteArray())).isEmpty();
  }

  @Test
  void bytesThatAreNoMailEventAreRefused() {
    assertThatThrownBy(() -> MailEvents.decode(new byte[] {(byte) 0xff, 0x01, 0x02}))
        .isInstanceOf(MailEvents.UnreadableEvent.class)
        .hasMessageStartingWith("not a MailEvent");
  }
}
