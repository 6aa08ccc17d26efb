package io.mailroom.filter.execution;

import io.mailroom.filter.sieve.FilterAction;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a script's actions into store calls. The message already sits in its mailbox, so keep is
 * "leave it"; fileinto copies, and the last fileinto moves when nothing keeps the original; discard
 * alone expunges.
 */
public final class ActionPlanner {
  private ActionPlanner() {}

  public static MessagePlan plan(long uid, List<FilterAction> actions) {
    var descriptions = actions.stream().map(FilterAction::describe).toList();
    var keep =
        actions.stream()
            .filter(FilterAction.Keep.class::isInstance)
            .map(FilterAction.Keep.class::cast)
            .findFirst();
    var fileintos =
        actions.stream()
            .filter(FilterAction.FileInto.class::isInstance)
            .map(FilterAction.FileInto.class::cast)
            .toList();
    var steps = new ArrayList<StoreStep>();
    for (int i = 0; i < fileintos.size(); i++) {
      var fileinto = fileintos.get(i);
      var last = i == fileintos.size() - 1;
      steps.add(
          new StoreStep(
              StoreStep.Kind.COPY,
              fileinto.mailbox(),
              keep.isEmpty() && last,
              fileinto.create(),
              fileinto.flags(),
              fileinto.describe()));
    }
    if (keep.isPresent()) {
      if (!keep.get().flags().isEmpty()) {
        steps.add(
            new StoreStep(
                StoreStep.Kind.FLAGS,
                null,
                false,
                false,
                keep.get().flags(),
                keep.get().describe()));
      }
    } else if (fileintos.isEmpty()) {
      steps.add(new StoreStep(StoreStep.Kind.EXPUNGE, null, false, false, List.of(), "discard"));
    }
    return new MessagePlan(uid, descriptions, steps, keep.isPresent(), null);
  }

  /** A script that failed on the message: keep it, untouched, and say why (RFC 5228 2.10.6). */
  public static MessagePlan failed(long uid, String reason) {
    return new MessagePlan(uid, List.of("keep"), List.of(), true, reason);
  }
}
