package io.mailroom.filter.execution;

import java.util.List;

/** Everything one event leads to, stored before the first store call so a redelivery replays it. */
public record EventPlan(
    String eventId,
    String account,
    String mailbox,
    long mailboxId,
    int uidValidity,
    String scriptName,
    int scriptVersion,
    List<MessagePlan> messages) {
  public EventPlan {
    messages = List.copyOf(messages);
  }
}
