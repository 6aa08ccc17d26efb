package io.mailroom.filter.execution;

import java.util.List;

/**
 * What will be done to one message.
 *
 * @param actions the script's actions as text, for the audit trail
 * @param steps store calls, in order
 * @param kept whether the message stays in its mailbox
 * @param error why the script failed on this message (then the plan is a plain keep), or null
 */
public record MessagePlan(
    long uid, List<String> actions, List<StoreStep> steps, boolean kept, String error) {
  public MessagePlan {
    actions = List.copyOf(actions);
    steps = List.copyOf(steps);
  }
}
