package io.mailroom.filter.execution;

import io.mailroom.filter.script.Direction;
import io.mailroom.store.api.v1.MailEvent;
import io.mailroom.store.api.v1.MailboxPointer;
import java.util.List;
import java.util.Optional;

/** The messages an event asks us to filter, and with which script direction. */
public record EventTarget(
    Direction direction,
    MailboxPointer mailbox,
    List<Integer> uids,
    String envelopeFrom,
    String envelopeTo) {

  /**
   * Deliveries into INBOX run the incoming script; APPENDs into the \Sent mailbox run the outgoing
   * one. Copies and moves into Sent are not "sending" (and our own fileinto produces them), so they
   * are left alone. Everything else is not ours.
   */
  public static Optional<EventTarget> of(MailEvent event) {
    if (event.hasMessageDelivered()) {
      var delivered = event.getMessageDelivered();
      if (delivered.getMailbox().getName().equalsIgnoreCase("INBOX")) {
        return Optional.of(
            new EventTarget(
                Direction.INCOMING,
                delivered.getMailbox(),
                List.of(delivered.getUid()),
                delivered.getMailFrom(),
                delivered.getRecipient()));
      }
    } else if (event.hasMessageAppended()) {
      var appended = event.getMessageAppended();
      var source = appended.getSource();
      if ("\\Sent".equalsIgnoreCase(appended.getMailbox().getSpecialUse())
          && (source.isEmpty() || source.equals("append"))) {
        return Optional.of(
            new EventTarget(
                Direction.OUTGOING, appended.getMailbox(), appended.getUidsList(), "", ""));
      }
    }
    return Optional.empty();
  }
}
