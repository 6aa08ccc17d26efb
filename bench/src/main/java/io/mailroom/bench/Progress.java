package io.mailroom.bench;

import io.vertx.core.Vertx;
import java.util.Locale;

/** The --progress line on stderr, rewritten in place with \r once a second. */
final class Progress {

  private final Vertx vertx;
  private final String label;
  private final Recorder recorder;
  private final long startNanos = System.nanoTime();
  private final long timer;
  private long lastOps;
  private long lastNanos = startNanos;

  private Progress(Vertx vertx, String target, String workload, Recorder recorder) {
    this.vertx = vertx;
    this.label = target + " " + workload;
    this.recorder = recorder;
    this.timer = vertx.setPeriodic(1000, id -> print(false));
  }

  static Progress start(Vertx vertx, String target, String workload, Recorder recorder) {
    return new Progress(vertx, target, workload, recorder);
  }

  void stop() {
    vertx.cancelTimer(timer);
    print(true);
  }

  private synchronized void print(boolean last) {
    long now = System.nanoTime();
    long ops = recorder.ops();
    double rate = (ops - lastOps) / Math.max(1e-9, (now - lastNanos) / 1e9);
    if (last) {
      rate = ops / Math.max(1e-9, (now - startNanos) / 1e9);
    }
    lastOps = ops;
    lastNanos = now;
    System.err.printf(
        Locale.ROOT,
        "\r%-28s %6.1fs  ops %9d  %9.1f/s  errors %d  failed checks %d   %s",
        label,
        (now - startNanos) / 1e9,
        ops,
        rate,
        recorder.errorCount(),
        recorder.checks().failed(),
        last ? "\n" : "");
    System.err.flush();
  }
}
