package io.mailroom.filter.execution;

import io.mailroom.filter.script.Direction;
import io.mailroom.store.client.events.MailChange;
import io.mailroom.store.client.events.MailEvent;
import io.mailroom.store.client.events.MailboxPointer;
import java.util.List;
import java.util.Optional;

/** The messages an event asks us to filter, and with which script direction. */
public record EventTarget(
    Direction direction,
    MailboxPointer mailbox,
    List<Long> uids,
    String envelopeFrom,
    String envelopeTo) {

  public EventTarget {
    uids = List.copyOf(uids);
  }

  /**
   * Deliveries into INBOX run the incoming script; APPENDs into the \Sent mailbox run the outgoing
   * one. Copies and moves into Sent are not "sending" (and our own fileinto produces them), so they
   * are left alone. Everything else is not ours.
   */
  public static Optional<EventTarget> of(MailEvent event) {
    if (event.change() instanceof MailChange.MessageDelivered delivered
        && delivered.mailbox().isInbox()) {
      return Optional.of(
          new EventTarget(
              Direction.INCOMING,
              delivered.mailbox(),
              List.of(delivered.uid()),
              delivered.mailFrom(),
              delivered.recipient()));
    }
    if (event.change() instanceof MailChange.MessageAppended appended
        && appended.mailbox().is("\\Sent")
        && appended.source() == MailChange.Source.APPEND) {
      return Optional.of(
          new EventTarget(Direction.OUTGOING, appended.mailbox(), appended.uids(), "", ""));
    }
    return Optional.empty();
  }
}
