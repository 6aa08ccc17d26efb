package io.mailroom.filter.execution;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * A row of apply_job. Written only by the HQL statements of {@link ApplyJobRepository}, which fence
 * every write by owner and state; callers see {@link ApplyProgress}.
 */
@Entity
@Table(name = "apply_job")
class ApplyJobEntity {
  static final String QUEUED = "queued";
  static final String RUNNING = "running";
  static final String DONE = "done";
  static final String FAILED = "failed";

  /** HQL: the states that hold the account's mailbox (the partial unique index). */
  static final String LIVE = "state in ('queued', 'running')";

  @Id
  @Column(name = "id")
  private String id;

  @Column(name = "account", nullable = false)
  private String account;

  @Column(name = "script_name", nullable = false)
  private String scriptName;

  @Column(name = "script_version", nullable = false)
  private int scriptVersion;

  @Column(name = "mailbox", nullable = false)
  private String mailbox;

  @Column(name = "state", nullable = false)
  private String state;

  @Column(name = "total", nullable = false)
  private int total;

  @Column(name = "processed", nullable = false)
  private int processed;

  @Column(name = "filed", nullable = false)
  private int filed;

  @Column(name = "kept", nullable = false)
  private int kept;

  @Column(name = "discarded", nullable = false)
  private int discarded;

  @Column(name = "failed", nullable = false)
  private int failed;

  @Column(name = "error")
  private String error;

  @Column(name = "owner_replica", nullable = false)
  private String ownerReplica;

  @Column(name = "heartbeat_at", nullable = false)
  private OffsetDateTime heartbeatAt;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  protected ApplyJobEntity() {}

  String id() {
    return id;
  }

  /** As of {@code now}: a live job whose heartbeat is older than the lease lost its worker. */
  ApplyProgress toProgress(OffsetDateTime now, Duration lease) {
    var shown = ApplyProgress.State.valueOf(state.toUpperCase(Locale.ROOT));
    var reason = error;
    var live = QUEUED.equals(state) || RUNNING.equals(state);
    if (live && heartbeatAt.isBefore(now.minus(lease))) {
      shown = ApplyProgress.State.FAILED;
      reason = ApplyProgress.WORKER_LOST;
    }
    return new ApplyProgress(
        id,
        account,
        scriptName,
        scriptVersion,
        mailbox,
        shown,
        total,
        processed,
        filed,
        kept,
        discarded,
        failed,
        reason,
        ownerReplica,
        heartbeatAt,
        createdAt,
        updatedAt);
  }
}
