package io.mailroom.filter.execution;

import io.mailroom.filter.store.StoreClient;
import io.mailroom.store.client.StoreFailure;
import io.mailroom.store.client.StoreFailures;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Carries a plan out through the store. Every call carries the key {@code prefix:index}, so running
 * the same plan again (a redelivered event, a crash before the offset commit) changes nothing
 * twice. A failure the store did not name (UNAVAILABLE, or UNKNOWN: the store answers INTERNAL to a
 * database blip too) propagates, for the caller to retry the whole plan; a refusal is final, so it
 * is recorded and the plan goes on. A fileinto the store refuses (no such mailbox, over quota, ...)
 * is a keep, as RFC 5228 2.10.6 and Pigeonhole have it: the message is already in its mailbox, so
 * nothing is copied back; the reason is audited.
 */
@ApplicationScoped
public class PlanExecutor {
  private final StoreClient store;

  PlanExecutor(StoreClient store) {
    this.store = store;
  }

  /** A failure worth retrying; anything else in a step is recorded and the plan goes on. */
  public static final class TransientFailure extends RuntimeException {
    public TransientFailure(String reason, Throwable cause) {
      super(reason, cause);
    }
  }

  public Uni<List<MessageOutcome>> apply(EventPlan plan, String keyPrefix) {
    var firstIndex = new ArrayList<Integer>();
    var index = 0;
    for (var message : plan.messages()) {
      firstIndex.add(index);
      index += message.steps().size();
    }
    var positions = new ArrayList<Integer>();
    for (int i = 0; i < plan.messages().size(); i++) {
      positions.add(i);
    }
    return Multi.createFrom()
        .iterable(positions)
        .onItem()
        .transformToUniAndConcatenate(
            i -> applyMessage(plan, plan.messages().get(i), keyPrefix, firstIndex.get(i)))
        .collect()
        .asList();
  }

  private static final class Progress {
    boolean fellBackToKeep;
    final List<String> reasons = new ArrayList<>();
    final List<MessageOutcome.Location> locations = new ArrayList<>();
  }

  private Uni<MessageOutcome> applyMessage(
      EventPlan plan, MessagePlan message, String keyPrefix, int firstIndex) {
    var progress = new Progress();
    if (message.error() != null) {
      progress.reasons.add(message.error());
    }
    var steps = new ArrayList<Integer>();
    for (int i = 0; i < message.steps().size(); i++) {
      steps.add(i);
    }
    return Multi.createFrom()
        .iterable(steps)
        .onItem()
        .transformToUniAndConcatenate(
            i ->
                step(
                        plan,
                        message.uid(),
                        message.steps().get(i),
                        keyPrefix + ":" + (firstIndex + i),
                        progress)
                    .replaceWith(i))
        .collect()
        .last()
        .map(
            ignored -> {
              var kept = message.kept() || progress.fellBackToKeep;
              if (kept) {
                progress.locations.add(
                    0, new MessageOutcome.Location(plan.mailbox(), message.uid()));
              }
              return new MessageOutcome(
                  message.uid(),
                  message.actions(),
                  outcome(message, kept, progress),
                  progress.reasons.isEmpty() ? null : String.join("; ", progress.reasons),
                  List.copyOf(progress.locations));
            });
  }

  private static String outcome(MessagePlan message, boolean kept, Progress progress) {
    if (message.error() != null) {
      return "error";
    }
    if (progress.fellBackToKeep) {
      return "kept";
    }
    if (!progress.locations.isEmpty() && !(kept && progress.locations.size() == 1)) {
      return "filed";
    }
    return kept ? "kept" : "discarded";
  }

  private Uni<Void> step(EventPlan plan, long uid, StoreStep step, String key, Progress progress) {
    var account = plan.account();
    var source = plan.source();
    return switch (step.kind()) {
      case COPY ->
          settle(
              store
                  .copy(
                      account,
                      source,
                      uid,
                      step.target(),
                      // After a failed fileinto the message must stay: later ones copy, not move.
                      step.move() && !progress.fellBackToKeep,
                      step.create(),
                      step.flags(),
                      key)
                  .invoke(
                      filed ->
                          filed.ifPresent(
                              target ->
                                  progress.locations.add(
                                      new MessageOutcome.Location(step.target(), target))))
                  .replaceWithVoid(),
              step,
              refused -> {
                // RFC 5228 2.10.6: a fileinto that cannot be done is a keep.
                progress.fellBackToKeep = true;
                progress.reasons.add(
                    step.action()
                        + " failed: "
                        + whyNotFiled(refused)
                        + ", kept in "
                        + plan.mailbox());
              });
      case FLAGS ->
          settle(
              store.addFlags(account, source, uid, step.flags(), key),
              step,
              refused -> progress.reasons.add(step.action() + " failed: " + refused.getMessage()));
      case EXPUNGE ->
          progress.fellBackToKeep
              ? Uni.createFrom().voidItem()
              : settle(
                  store.expunge(account, source, uid, key),
                  step,
                  refused ->
                      progress.reasons.add(step.action() + " failed: " + refused.getMessage()));
    };
  }

  /**
   * A step's failure settled: a refusal goes to {@code refused} and the plan goes on; a transient
   * failure fails the step, for the event to be tried again.
   */
  private static Uni<Void> settle(Uni<Void> call, StoreStep step, Consumer<StoreFailure> refused) {
    return call.onFailure(e -> StoreFailures.from(e).isRefusal())
        .recoverWithItem(
            e -> {
              refused.accept(StoreFailures.from(e));
              return null;
            })
        .onFailure()
        .transform(e -> transientFailure(step, e));
  }

  /** Why the store did not file a message, as the account's owner reads it in the audit. */
  private static String whyNotFiled(StoreFailure refused) {
    return switch (refused.reason()) {
      case OVERQUOTA -> "over quota";
      case NONEXISTENT, TRYCREATE -> "no such mailbox";
      case TOOBIG -> "too big for the mailbox";
      case INVALID_NAME -> "not a valid mailbox name";
      default -> refused.getMessage();
    };
  }

  private static Throwable transientFailure(StoreStep step, Throwable e) {
    return e instanceof TransientFailure
        ? e
        : new TransientFailure(step.action() + ": " + StoreFailures.from(e).getMessage(), e);
  }
}
