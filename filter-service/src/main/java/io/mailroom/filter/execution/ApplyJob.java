package io.mailroom.filter.execution;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker's side of an apply job on the replica running it: counters that {@link ApplyJobs}
 * writes to the job's row now and then. Answers never read it; they read the row.
 */
final class ApplyJob {
  /** The counters at one point, as written to the row. */
  record Counts(int total, int processed, int filed, int kept, int discarded, int errors) {}

  private final String id;
  private final String account;
  private final AtomicInteger total = new AtomicInteger(-1);
  private final AtomicInteger processed = new AtomicInteger();
  private final AtomicInteger filed = new AtomicInteger();
  private final AtomicInteger kept = new AtomicInteger();
  private final AtomicInteger discarded = new AtomicInteger();
  private final AtomicInteger errors = new AtomicInteger();
  private final AtomicBoolean writing = new AtomicBoolean();
  private final AtomicInteger written = new AtomicInteger();
  private volatile boolean lost;

  ApplyJob(String id, String account) {
    this.id = id;
    this.account = account;
  }

  String id() {
    return id;
  }

  String account() {
    return account;
  }

  void total(int count) {
    total.set(count);
  }

  void count(MessageOutcome outcome) {
    processed.incrementAndGet();
    switch (outcome.outcome()) {
      case "filed" -> filed.incrementAndGet();
      case "discarded" -> discarded.incrementAndGet();
      case "error" -> errors.incrementAndGet();
      default -> kept.incrementAndGet();
    }
  }

  Counts counts() {
    return new Counts(
        total.get(), processed.get(), filed.get(), kept.get(), discarded.get(), errors.get());
  }

  /** Whether {@code every} messages were processed since the last progress write. */
  boolean progressDue(int every) {
    return processed.get() - written.get() >= every;
  }

  /**
   * Claims the progress write: one at a time per job, so two writes never commit out of order and
   * show progress going backwards. Answers the counts to write, or null when one is in flight.
   */
  Counts beginWrite() {
    if (!writing.compareAndSet(false, true)) {
      return null;
    }
    var counts = counts();
    written.set(counts.processed());
    return counts;
  }

  void endWrite() {
    writing.set(false);
  }

  /** The row is no longer this replica's (taken over as "worker lost"): stop working on it. */
  void lose() {
    lost = true;
  }

  boolean lost() {
    return lost;
  }
}
