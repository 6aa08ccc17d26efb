package io.mailroom.filter.execution;

import io.mailroom.filter.store.MailboxKey;
import java.util.List;

/**
 * Everything one event leads to, stored (as JSON) before the first store call so a redelivery
 * replays it. UIDVALIDITY is unsigned; plans stored before it was a long hold the same 32 bits as a
 * negative int, which {@link #source()} reads the same.
 */
public record EventPlan(
    String eventId,
    String account,
    String mailbox,
    long mailboxId,
    long uidValidity,
    String scriptName,
    int scriptVersion,
    List<MessagePlan> messages) {
  public EventPlan {
    messages = List.copyOf(messages);
  }

  /** The mailbox the plan's messages are in. */
  public MailboxKey source() {
    return new MailboxKey(mailboxId, uidValidity & 0xFFFF_FFFFL);
  }
}
