package io.mailroom.filter.execution;

import io.mailroom.filter.config.FilterConfig;
import io.mailroom.filter.script.ScriptService;
import io.mailroom.filter.sieve.SieveEngine;
import io.mailroom.filter.sieve.SieveRuntimeException;
import io.mailroom.filter.store.MailboxSnapshot;
import io.mailroom.filter.store.StoreClient;
import io.mailroom.store.client.StoreFailures;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs a script over the messages already in a mailbox, one message at a time, in the background.
 * Each message's store calls carry "apply:job:uid:index" keys, and each message is audited like a
 * delivered one. The job lives in its apply_job row: the replica that accepted it writes its
 * progress and heartbeat there (every {@code progress-every} messages or every {@code
 * progress-interval}, whichever comes first), and any replica answers from there. A replica that
 * dies leaves a heartbeat that ages past the lease: the job then reads as failed, "worker lost".
 */
@ApplicationScoped
public class ApplyJobs {
  private static final Logger LOG = Logger.getLogger(ApplyJobs.class);

  private final ApplyJobRepository repository;
  private final StoreClient store;
  private final MessageReader reader;
  private final SieveEngine engine;
  private final PlanExecutor executor;
  private final AuditLog audit;
  private final Vertx vertx;
  private final String replica;
  private final Duration progressInterval;
  private final int progressEvery;

  ApplyJobs(
      ApplyJobRepository repository,
      StoreClient store,
      MessageReader reader,
      SieveEngine engine,
      PlanExecutor executor,
      AuditLog audit,
      Vertx vertx,
      FilterConfig config) {
    this.repository = repository;
    this.store = store;
    this.reader = reader;
    this.engine = engine;
    this.executor = executor;
    this.audit = audit;
    this.vertx = vertx;
    this.progressInterval = config.apply().progressInterval();
    this.progressEvery = Math.max(1, config.apply().progressEvery());
    // Unique per process: a restarted pod keeps its name but must not own its predecessor's jobs.
    var name =
        config
            .apply()
            .replicaId()
            .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")))
            .orElse("filter-service");
    this.replica = name + "/" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** This process's id, as written to the rows of the jobs it runs. */
  public String replica() {
    return replica;
  }

  /** The job as stored, whichever replica runs it. */
  public Uni<Optional<ApplyProgress>> find(String account, String id) {
    return repository.find(account, id);
  }

  /**
   * Stores the job, then starts it on this replica; fails with {@link ApplyJobConflict} while the
   * mailbox has a live job.
   */
  public Uni<ApplyProgress> start(
      String account, ScriptService.ActiveScript script, String mailbox) {
    var job = new ApplyJob(UUID.randomUUID().toString(), account);
    return repository
        .create(
            job.id(), account, script.script().name(), script.script().version(), mailbox, replica)
        .invoke(created -> launch(job, script, mailbox));
  }

  private void launch(ApplyJob job, ScriptService.ActiveScript script, String mailbox) {
    var heartbeat =
        vertx.setPeriodic(
            progressInterval.toMillis(),
            ignored -> writeProgress(job).subscribe().with(done -> {}, ApplyJobs::progressFailed));
    store
        .examine(job.account(), mailbox)
        .flatMap(snapshot -> run(job, script, snapshot))
        .subscribe()
        .with(
            done -> {
              vertx.cancelTimer(heartbeat);
              finish(job, null);
            },
            failure -> {
              vertx.cancelTimer(heartbeat);
              LOG.warnf("apply job %s failed: %s", job.id(), failure.getMessage());
              finish(job, StoreFailures.from(failure).getMessage());
            });
  }

  private void finish(ApplyJob job, String error) {
    repository
        .finish(job.id(), replica, job.counts(), error)
        .subscribe()
        .with(
            ours -> {
              if (!ours) {
                LOG.warnf("apply job %s ended after another replica reaped it", job.id());
              }
            },
            // The row keeps its last heartbeat and ages into "worker lost".
            failure ->
                LOG.errorf(
                    "apply job %s: cannot store its end: %s", job.id(), failure.getMessage()));
  }

  /** Writes the counters and the heartbeat, unless a write of this job is in flight. */
  private Uni<Void> writeProgress(ApplyJob job) {
    var counts = job.beginWrite();
    if (counts == null) {
      return Uni.createFrom().voidItem();
    }
    return repository
        .progress(job.id(), replica, counts)
        .invoke(
            ours -> {
              if (!ours) {
                job.lose();
              }
            })
        .eventually(job::endWrite)
        .replaceWithVoid();
  }

  private static void progressFailed(Throwable failure) {
    // A missed write is made good by the next one; the lease allows for many.
    LOG.warnf("apply job progress not stored: %s", failure.getMessage());
  }

  /** The job's row was reaped as "worker lost" by another replica: stop. */
  static final class JobLost extends RuntimeException {
    JobLost() {
      super("the job was taken over after its heartbeat lapsed");
    }
  }

  private Uni<Void> run(ApplyJob job, ScriptService.ActiveScript script, MailboxSnapshot snapshot) {
    job.total(snapshot.uids().size());
    var keyPrefix = "apply:" + job.id();
    return Multi.createFrom()
        .iterable(snapshot.uids())
        .onItem()
        .transformToUniAndConcatenate(
            uid ->
                (job.lost()
                        ? Uni.createFrom().<Void>failure(new JobLost())
                        : Uni.createFrom().voidItem())
                    .chain(
                        () ->
                            reader.read(
                                job.account(), snapshot.key(), uid, script.compiled(), "", ""))
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
                                  snapshot.key().id(),
                                  snapshot.key().uidValidity(),
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
                    .invoke(job::count)
                    .call(
                        outcome ->
                            job.progressDue(progressEvery)
                                ? writeProgress(job)
                                    .onFailure()
                                    .invoke(ApplyJobs::progressFailed)
                                    .onFailure()
                                    .recoverWithNull()
                                : Uni.createFrom().voidItem()))
        .collect()
        .last()
        .replaceWithVoid();
  }
}
