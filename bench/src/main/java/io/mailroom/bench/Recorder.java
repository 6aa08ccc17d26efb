package io.mailroom.bench;

import io.mailroom.bench.WorkloadResult.Checks;
import io.mailroom.bench.WorkloadResult.Latency;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * What one workload observed: a latency histogram per operation name, the operation count that
 * throughput is computed from, errors by kind and the correctness checks.
 *
 * <p>Clients on both event loops report here, so every method is synchronized; each call is a few
 * hundred nanoseconds, far below what one IMAP round trip costs.
 */
public final class Recorder {

  /** Error kinds the result JSON always shows, even at zero, so tables line up. */
  public static final String NO = "NO";

  public static final String BAD = "BAD";
  public static final String TIMEOUT = "timeout";
  public static final String DISCONNECT = "disconnect";

  static final int MAX_FAILURES_KEPT = 10;

  // Microseconds up to ten minutes at three significant digits: ~100 KB per operation name.
  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

  private final Map<String, Histogram> latencies = new TreeMap<>();
  private final Map<String, Long> errors = new LinkedHashMap<>();
  private final List<String> firstFailures = new ArrayList<>();
  private long ops;
  private long passed;
  private long failed;

  public Recorder() {
    for (String kind : List.of(NO, BAD, TIMEOUT, DISCONNECT)) {
      errors.put(kind, 0L);
    }
  }

  /**
   * Forgets the operations and latencies recorded so far (seeding, warm-up): throughput and latency
   * describe the measuring window only. Errors and checks are kept: a wrong answer is wrong
   * whenever it came.
   */
  public synchronized void startWindow() {
    ops = 0;
    latencies.clear();
  }

  /** One operation done: counts towards throughput and records its latency since startNanos. */
  public synchronized void record(String operation, long startNanos) {
    ops++;
    latency(operation, System.nanoTime() - startNanos);
  }

  /** A latency that is not an operation of its own (a step inside a counted session, say). */
  public synchronized void latency(String operation, long nanos) {
    long micros = Math.max(1, Math.min(HIGHEST_MICROS, nanos / 1000));
    latencies.computeIfAbsent(operation, k -> new Histogram(HIGHEST_MICROS, 3)).recordValue(micros);
  }

  /** Operations without a latency of their own, such as whole sessions. */
  public synchronized void countOps(long n) {
    ops += n;
  }

  public synchronized long ops() {
    return ops;
  }

  public synchronized void error(String kind) {
    errors.merge(kind, 1L, Long::sum);
  }

  public synchronized long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  public synchronized void pass() {
    passed++;
  }

  public synchronized void fail(String failure) {
    failed++;
    if (firstFailures.size() < MAX_FAILURES_KEPT) {
      firstFailures.add(failure);
    }
  }

  /**
   * Passes when ok, otherwise fails with the description; the supplier is only called on failure so
   * checks cost nothing to describe on the hot path.
   */
  public boolean check(boolean ok, Supplier<String> failure) {
    if (ok) {
      pass();
    } else {
      fail(failure.get());
    }
    return ok;
  }

  public synchronized Checks checks() {
    return new Checks(passed, failed, List.copyOf(firstFailures));
  }

  public synchronized Map<String, Long> errors() {
    return new LinkedHashMap<>(errors);
  }

  public synchronized Map<String, Latency> latencies() {
    Map<String, Latency> out = new LinkedHashMap<>();
    latencies.forEach(
        (name, h) ->
            out.put(
                name,
                new Latency(
                    h.getTotalCount(),
                    millis(h.getValueAtPercentile(50)),
                    millis(h.getValueAtPercentile(99)),
                    millis(h.getMaxValue()))));
    return out;
  }

  /** A percentile of one operation's latency in milliseconds, or NaN when none was recorded. */
  public synchronized double percentileMs(String operation, double percentile) {
    Histogram h = latencies.get(operation);
    return h == null || h.getTotalCount() == 0
        ? Double.NaN
        : millis(h.getValueAtPercentile(percentile));
  }

  private static double millis(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }
}
