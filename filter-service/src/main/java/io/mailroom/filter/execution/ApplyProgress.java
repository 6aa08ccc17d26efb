package io.mailroom.filter.execution;

import java.time.OffsetDateTime;

/**
 * An apply job as stored, for answers: the same on every replica. {@code total} is -1 until the
 * mailbox was examined; {@code errors} counts messages the script failed on (kept).
 */
public record ApplyProgress(
    String id,
    String account,
    String script,
    int scriptVersion,
    String mailbox,
    State state,
    int total,
    int processed,
    int filed,
    int kept,
    int discarded,
    int errors,
    String failure,
    String owner,
    OffsetDateTime heartbeatAt,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  /** Why a live job is shown failed: its replica stopped heartbeating within the lease. */
  public static final String WORKER_LOST = "worker lost";

  public enum State {
    QUEUED,
    RUNNING,
    DONE,
    FAILED
  }
}
