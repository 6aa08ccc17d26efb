package io.mailroom.filter.execution;

import io.mailroom.filter.config.FilterConfig;
import io.mailroom.persistence.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The apply_job table. Entities never leave this class: callers see {@link ApplyProgress}. Every
 * write of a worker is fenced by its replica id and a live state, so a worker that lost its job
 * (another replica reaped it after the lease) learns so and changes nothing.
 */
@ApplicationScoped
public class ApplyJobRepository {
  private final Transactions transactions;
  private final Duration lease;

  ApplyJobRepository(Transactions transactions, FilterConfig config) {
    this.transactions = transactions;
    this.lease = config.apply().lease();
  }

  /** How long a live job's heartbeat stays valid. */
  public Duration lease() {
    return lease;
  }

  /**
   * Stores a new running job owned by {@code owner}; fails with {@link ApplyJobConflict} when the
   * account's mailbox already has a live one. A live job whose lease ran out is marked "worker
   * lost" first, in the same transaction, so it does not block the mailbox forever.
   */
  public Uni<ApplyProgress> create(
      String id, String account, String script, int version, String mailbox, String owner) {
    return transactions.write(
        session -> {
          var now = OffsetDateTime.now();
          // "on conflict do nothing" against the partial unique index rather than a check in
          // memory: two replicas starting a job for one mailbox at once cannot both insert.
          return reapLost(session, account, mailbox, now)
              .chain(
                  () ->
                      session
                          .createMutationQuery(
                              "insert into ApplyJobEntity (id, account, scriptName, scriptVersion,"
                                  + " mailbox, state, total, processed, filed, kept, discarded,"
                                  + " failed, ownerReplica, heartbeatAt, createdAt, updatedAt)"
                                  + " values (:id, :account, :script, :version, :mailbox,"
                                  + " :running, -1, 0, 0, 0, 0, 0, :owner, :now, :now, :now)"
                                  + " on conflict do nothing")
                          .setParameter("id", id)
                          .setParameter("account", account)
                          .setParameter("script", script)
                          .setParameter("version", version)
                          .setParameter("mailbox", mailbox)
                          .setParameter("running", ApplyJobEntity.RUNNING)
                          .setParameter("owner", owner)
                          .setParameter("now", now)
                          .executeUpdate())
              .flatMap(
                  inserted ->
                      inserted > 0
                          ? session
                              .find(ApplyJobEntity.class, id)
                              .map(created -> created.toProgress(now, lease))
                          : live(session, account, mailbox)
                              .flatMap(other -> Uni.createFrom().failure(busy(mailbox, other))));
        });
  }

  /** The job as stored, read fresh: any replica answers the same. */
  public Uni<Optional<ApplyProgress>> find(String account, String id) {
    return transactions.read(
        session ->
            session
                .find(ApplyJobEntity.class, id)
                .map(
                    found ->
                        Optional.ofNullable(found)
                            .map(job -> job.toProgress(OffsetDateTime.now(), lease))
                            .filter(job -> job.account().equals(account))));
  }

  /** Writes progress and the heartbeat; false when the job is no longer this owner's live job. */
  Uni<Boolean> progress(String id, String owner, ApplyJob.Counts counts) {
    return transactions.write(
        session ->
            counts(
                    session,
                    "update ApplyJobEntity set state = :state, ",
                    " where id = :id and ownerReplica = :owner and " + ApplyJobEntity.LIVE,
                    counts)
                .setParameter("state", ApplyJobEntity.RUNNING)
                .setParameter("id", id)
                .setParameter("owner", owner)
                .executeUpdate()
                .map(updated -> updated > 0));
  }

  /** Ends the job done (error null) or failed with the error; false when it was not ours. */
  Uni<Boolean> finish(String id, String owner, ApplyJob.Counts counts, String error) {
    return transactions.write(
        session ->
            counts(
                    session,
                    "update ApplyJobEntity set state = :state, error = :error, ",
                    " where id = :id and ownerReplica = :owner and " + ApplyJobEntity.LIVE,
                    counts)
                .setParameter("state", error == null ? ApplyJobEntity.DONE : ApplyJobEntity.FAILED)
                .setParameter("error", error)
                .setParameter("id", id)
                .setParameter("owner", owner)
                .executeUpdate()
                .map(updated -> updated > 0));
  }

  private static Mutiny.MutationQuery counts(
      Mutiny.Session session, String head, String where, ApplyJob.Counts counts) {
    var now = OffsetDateTime.now();
    return session
        .createMutationQuery(
            head
                + "total = :total, processed = :processed, filed = :filed, kept = :kept,"
                + " discarded = :discarded, failed = :errors, heartbeatAt = :now,"
                + " updatedAt = :now"
                + where)
        .setParameter("total", counts.total())
        .setParameter("processed", counts.processed())
        .setParameter("filed", counts.filed())
        .setParameter("kept", counts.kept())
        .setParameter("discarded", counts.discarded())
        .setParameter("errors", counts.errors())
        .setParameter("now", now);
  }

  private Uni<Integer> reapLost(
      Mutiny.Session session, String account, String mailbox, OffsetDateTime now) {
    return session
        .createMutationQuery(
            "update ApplyJobEntity set state = :failed, error = :lost, updatedAt = :now"
                + " where account = :account and mailbox = :mailbox and "
                + ApplyJobEntity.LIVE
                + " and heartbeatAt < :cutoff")
        .setParameter("failed", ApplyJobEntity.FAILED)
        .setParameter("lost", ApplyProgress.WORKER_LOST)
        .setParameter("now", now)
        .setParameter("account", account)
        .setParameter("mailbox", mailbox)
        .setParameter("cutoff", now.minus(lease))
        .executeUpdate();
  }

  private static Uni<ApplyJobEntity> live(Mutiny.Session session, String account, String mailbox) {
    return session
        .createSelectionQuery(
            "from ApplyJobEntity where account = :account and mailbox = :mailbox and "
                + ApplyJobEntity.LIVE,
            ApplyJobEntity.class)
        .setParameter("account", account)
        .setParameter("mailbox", mailbox)
        .getSingleResultOrNull();
  }

  private static ApplyJobConflict busy(String mailbox, ApplyJobEntity other) {
    return new ApplyJobConflict(
        "an apply job is already running on mailbox \""
            + mailbox
            + "\""
            + (other == null ? "" : " (job " + other.id() + ")")
            + "; wait for it to end");
  }
}
