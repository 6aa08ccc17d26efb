package io.mailroom.filter.execution;

import io.mailroom.filter.script.ScriptService;
import io.mailroom.filter.sieve.SieveEngine;
import io.mailroom.filter.sieve.SieveRuntimeException;
import io.mailroom.filter.store.MailboxSnapshot;
import io.mailroom.filter.store.StoreClient;
import io.mailroom.filter.store.StoreErrors;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Runs a script over the messages already in a mailbox, one message at a time, in the background.
 * Each message's store calls carry "apply:job:uid:index" keys, and each message is audited like a
 * delivered one. Jobs live in this replica's memory.
 */
@ApplicationScoped
public class ApplyJobs {
  private static final Logger LOG = Logger.getLogger(ApplyJobs.class);

  private final Map<String, ApplyJob> jobs = new ConcurrentHashMap<>();
  private final StoreClient store;
  private final MessageReader reader;
  private final SieveEngine engine;
  private final PlanExecutor executor;
  private final AuditLog audit;

  ApplyJobs(
      StoreClient store,
      MessageReader reader,
      SieveEngine engine,
      PlanExecutor executor,
      AuditLog audit) {
    this.store = store;
    this.reader = reader;
    this.engine = engine;
    this.executor = executor;
    this.audit = audit;
  }

  public Optional<ApplyJob> find(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  public ApplyJob start(String account, ScriptService.ActiveScript script, String mailbox) {
    var job = new ApplyJob(UUID.randomUUID().toString(), account, script.script().name(), mailbox);
    jobs.put(job.id(), job);
    store
        .examine(account, mailbox)
        .flatMap(snapshot -> run(job, script, snapshot))
        .subscribe()
        .with(
            done -> job.finish(),
            failure -> {
              LOG.warnf("apply job %s failed: %s", job.id(), failure.getMessage());
              job.fail(StoreErrors.describe(failure));
            });
    return job;
  }

  private Uni<Void> run(ApplyJob job, ScriptService.ActiveScript script, MailboxSnapshot snapshot) {
    job.total(snapshot.uids().size());
    var keyPrefix = "apply:" + job.id();
    return Multi.createFrom()
        .iterable(snapshot.uids())
        .onItem()
        .transformToUniAndConcatenate(
            uid ->
                reader
                    .read(job.account(), snapshot.ref(), uid, script.compiled(), "", "")
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .map(
                        view -> {
                          if (view.isEmpty()) {
                            return new MessagePlan(
                                uid, List.of(), List.of(), false, "the message is gone");
                          }
                          try {
                            return ActionPlanner.plan(
                                uid, engine.evaluate(script.compiled(), view.get()));
                          } catch (SieveRuntimeException e) {
                            return ActionPlanner.failed(uid, e.getMessage());
                          }
                        })
                    .flatMap(
                        message -> {
                          var plan =
                              new EventPlan(
                                  keyPrefix,
                                  job.account(),
                                  snapshot.name(),
                                  snapshot.ref().getMailboxId(),
                                  snapshot.ref().getUidValidity(),
                                  script.script().name(),
                                  script.script().version(),
                                  List.of(message));
                          return executor
                              .apply(plan, keyPrefix + ":" + uid)
                              .flatMap(
                                  outcomes ->
                                      audit
                                          .record(plan, outcomes.get(0))
                                          .replaceWith(outcomes.get(0)));
                        })
                    .invoke(job::count))
        .collect()
        .last()
        .replaceWithVoid();
  }
}
