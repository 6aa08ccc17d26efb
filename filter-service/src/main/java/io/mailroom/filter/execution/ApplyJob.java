package io.mailroom.filter.execution;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A script being run over a mailbox's existing messages; its counters are the progress. */
public final class ApplyJob {
  public enum State {
    RUNNING,
    DONE,
    FAILED
  }

  private final String id;
  private final String account;
  private final String script;
  private final String mailbox;
  private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
  private final AtomicInteger total = new AtomicInteger(-1);
  private final AtomicInteger processed = new AtomicInteger();
  private final AtomicInteger filed = new AtomicInteger();
  private final AtomicInteger kept = new AtomicInteger();
  private final AtomicInteger discarded = new AtomicInteger();
  private final AtomicInteger errors = new AtomicInteger();
  private final AtomicReference<String> failure = new AtomicReference<>();

  ApplyJob(String id, String account, String script, String mailbox) {
    this.id = id;
    this.account = account;
    this.script = script;
    this.mailbox = mailbox;
  }

  /** A point-in-time copy for answers. */
  public record Progress(
      String id,
      String account,
      String script,
      String mailbox,
      State state,
      int total,
      int processed,
      int filed,
      int kept,
      int discarded,
      int errors,
      String failure) {}

  public Progress progress() {
    return new Progress(
        id,
        account,
        script,
        mailbox,
        state.get(),
        total.get(),
        processed.get(),
        filed.get(),
        kept.get(),
        discarded.get(),
        errors.get(),
        failure.get());
  }

  public String id() {
    return id;
  }

  public String account() {
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

  void finish() {
    state.set(State.DONE);
  }

  void fail(String reason) {
    failure.set(reason);
    state.set(State.FAILED);
  }
}
