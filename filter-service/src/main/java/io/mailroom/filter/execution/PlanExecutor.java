package io.mailroom.filter.execution;

import io.mailroom.filter.store.StoreClient;
import io.mailroom.filter.store.StoreErrors;
import io.mailroom.store.api.v1.MailboxRef;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries a plan out through the store. Every call carries the key {@code prefix:index}, so running
 * the same plan again (a redelivered event, a crash before the offset commit) changes nothing
 * twice. Transient failures propagate, for the caller to retry the whole plan.
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
    var source =
        MailboxRef.newBuilder()
            .setMailboxId(plan.mailboxId())
            .setUidValidity(plan.uidValidity())
            .build();
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
            i -> applyMessage(plan, source, plan.messages().get(i), keyPrefix, firstIndex.get(i)))
        .collect()
        .asList();
  }

  private static final class Progress {
    boolean fellBackToKeep;
    final List<String> reasons = new ArrayList<>();
    final List<MessageOutcome.Location> locations = new ArrayList<>();
  }

  private Uni<MessageOutcome> applyMessage(
      EventPlan plan, MailboxRef source, MessagePlan message, String keyPrefix, int firstIndex) {
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
                        plan.account(),
                        source,
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

  private Uni<Void> step(
      String account, MailboxRef source, int uid, StoreStep step, String key, Progress progress) {
    return switch (step.kind()) {
      case COPY ->
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
                  reply -> {
                    if (reply.getTargetUidsCount() > 0) {
                      progress.locations.add(
                          new MessageOutcome.Location(
                              step.target(), Integer.toUnsignedLong(reply.getTargetUids(0))));
                    }
                  })
              .replaceWithVoid()
              .onFailure(e -> !StoreErrors.isTransient(e))
              .recoverWithItem(
                  e -> {
                    // RFC 5228 4.1: a fileinto that cannot be done is a keep.
                    progress.fellBackToKeep = true;
                    progress.reasons.add(
                        step.action() + " failed (" + StoreErrors.describe(e) + "); kept instead");
                    return null;
                  })
              .onFailure()
              .transform(e -> transientFailure(step, e));
      case FLAGS ->
          store
              .addFlags(account, source, uid, step.flags(), key)
              .replaceWithVoid()
              .onFailure(e -> !StoreErrors.isTransient(e))
              .recoverWithItem(
                  e -> {
                    progress.reasons.add(step.action() + " failed: " + StoreErrors.describe(e));
                    return null;
                  })
              .onFailure()
              .transform(e -> transientFailure(step, e));
      case EXPUNGE ->
          progress.fellBackToKeep
              ? Uni.createFrom().voidItem()
              : store
                  .expunge(account, source, uid, key)
                  .replaceWithVoid()
                  .onFailure(e -> !StoreErrors.isTransient(e))
                  .recoverWithItem(
                      e -> {
                        progress.reasons.add(step.action() + " failed: " + StoreErrors.describe(e));
                        return null;
                      })
                  .onFailure()
                  .transform(e -> transientFailure(step, e));
    };
  }

  private static Throwable transientFailure(StoreStep step, Throwable e) {
    return e instanceof TransientFailure
        ? e
        : new TransientFailure(step.action() + ": " + StoreErrors.describe(e), e);
  }
}
