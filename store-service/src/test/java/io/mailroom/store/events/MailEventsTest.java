package io.mailroom.store.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.api.v1.MailEvent;
import io.mailroom.store.events.MailChange.MessageAppended.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each MailChange becomes the MailEvent consumers (filter-service, gateways) already read. */
class MailEventsTest {
  private static final MailChange.Pointer SENT =
      new MailChange.Pointer(7, "Sent", 3_000_000_000L, "\\Sent");
  private static final MailChange.Pointer INBOX = new MailChange.Pointer(8, "INBOX", 42, null);

  @Test
  void messageDeliveredCarriesEnvelopeAndPlace() {
    MailEvent e =
        MailEvents.of(new MailChange.MessageDelivered(INBOX, 5, 9, "M1", "a@x", "b@y")).build();
    assertThat(e.hasMessageDelivered()).isTrue();
    var d = e.getMessageDelivered();
    assertThat(d.getMailbox().getMailboxId()).isEqualTo(8);
    assertThat(d.getMailbox().getName()).isEqualTo("INBOX");
    assertThat(d.getMailbox().getUidValidity()).isEqualTo(42);
    assertThat(d.getMailbox().getSpecialUse()).isEmpty();
    assertThat(
            List.of(d.getUid(), d.getModseq(), d.getEmailId(), d.getMailFrom(), d.getRecipient()))
        .containsExactly(5, 9L, "M1", "a@x", "b@y");
  }

  @Test
  void messageAppendedNamesItsSourceAsBefore() {
    var append =
        MailEvents.of(
                new MailChange.MessageAppended(SENT, List.of(4L), 11, List.of("M2"), Source.APPEND))
            .build()
            .getMessageAppended();
    assertThat(append.getSource()).isEqualTo("append");
    assertThat(append.getUidsList()).containsExactly(4);
    assertThat(append.getEmailIdsList()).containsExactly("M2");
    assertThat(append.getModseq()).isEqualTo(11);
    assertThat(append.getMailbox().getSpecialUse()).isEqualTo("\\Sent");
    // uint32 on the wire: a UIDVALIDITY above 2^31 survives as the same bits
    assertThat(Integer.toUnsignedLong(append.getMailbox().getUidValidity()))
        .isEqualTo(3_000_000_000L);
    var copy =
        MailEvents.of(
                new MailChange.MessageAppended(SENT, List.of(1L, 2L), 12, List.of(), Source.COPY))
            .build()
            .getMessageAppended();
    assertThat(copy.getSource()).isEqualTo("copy");
    assertThat(copy.getUidsList()).containsExactly(1, 2);
    assertThat(copy.getEmailIdsList()).isEmpty();
    assertThat(
            MailEvents.of(
                    new MailChange.MessageAppended(SENT, List.of(1L), 1, List.of(), Source.MOVE))
                .build()
                .getMessageAppended()
                .getSource())
        .isEqualTo("move");
  }

  @Test
  void flagAndExpungeChangesCarryUidsAndModseq() {
    var flags = MailEvents.of(new MailChange.FlagsChanged(INBOX, List.of(3L, 5L), 20)).build();
    assertThat(flags.getFlagsChanged().getUidsList()).containsExactly(3, 5);
    assertThat(flags.getFlagsChanged().getModseq()).isEqualTo(20);
    var gone = MailEvents.of(new MailChange.MessagesExpunged(INBOX, List.of(5L), 21)).build();
    assertThat(gone.getMessagesExpunged().getUidsList()).containsExactly(5);
    assertThat(gone.getMessagesExpunged().getModseq()).isEqualTo(21);
  }

  @Test
  void mailboxChangesCarryThePointer() {
    assertThat(
            MailEvents.of(new MailChange.MailboxCreated(SENT))
                .build()
                .getMailboxCreated()
                .getMailbox()
                .getName())
        .isEqualTo("Sent");
    assertThat(
            MailEvents.of(new MailChange.MailboxDeleted(SENT))
                .build()
                .getMailboxDeleted()
                .getMailbox()
                .getMailboxId())
        .isEqualTo(7);
    var renamed =
        MailEvents.of(new MailChange.MailboxRenamed(SENT, "Old")).build().getMailboxRenamed();
    assertThat(renamed.getOldName()).isEqualTo("Old");
    assertThat(renamed.getMailbox().getName()).isEqualTo("Sent");
  }
}
