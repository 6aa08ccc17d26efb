package io.mailroom.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The measured part of one workload: CPU of every metered group and of the driver between open and
 * {@link #stop()}, peak RSS sampled in between, wall time, and the progress line while it runs.
 */
public final class MeasuringWindow {

  private static final long PEAK_PERIOD_MS = 500;

  private final BenchContext ctx;
  private final String name;
  private final Recorder recorder;
  private final ProcessMeter.Sample before;
  private final ProcessMeter.PeakRss peaks;
  private final Progress progress;
  private ProcessMeter.Sample spent;
  private Map<String, Long> rssPeakKb;

  MeasuringWindow(BenchContext ctx, String name, Recorder recorder) {
    this.ctx = ctx;
    this.name = name;
    this.recorder = recorder;
    recorder.startWindow();
    this.before = ctx.meter().sample();
    this.peaks = ctx.meter().trackPeaks(ctx.vertx(), PEAK_PERIOD_MS);
    this.progress =
        ctx.options().progress()
            ? Progress.start(ctx.vertx(), ctx.options().target(), name, recorder)
            : null;
  }

  public Recorder recorder() {
    return recorder;
  }

  /** Seconds since the window opened. */
  public double elapsedSecs() {
    return (System.nanoTime() - before.nanoTime()) / 1e9;
  }

  /** Ends the measured part; what the workload does afterwards (logging out) is not counted. */
  public void stop() {
    if (spent != null) {
      return;
    }
    spent = ctx.meter().sample().minus(before);
    rssPeakKb = peaks.stop();
    if (progress != null) {
      progress.stop();
    }
  }

  /** The result row; stops the window if the workload has not. */
  public WorkloadResult result(String unit, Map<String, Object> extra) {
    stop();
    double wall = spent.wallSecs(before);
    long ops = recorder.ops();
    Map<String, Double> groups = new LinkedHashMap<>();
    for (String group : ctx.meter().groups()) {
      groups.put(group, round(spent.cpuSecs().getOrDefault(group, 0.0), 3));
    }
    double server = spent.totalCpuSecs();
    double driver = spent.selfCpuSecs();
    WorkloadResult.Cpu cpu =
        new WorkloadResult.Cpu(
            groups,
            round(server, 3),
            round(driver, 3),
            ops == 0 ? 0 : round(server * 1000 / ops, 4),
            server <= 0 ? 0 : round(driver / server, 4));
    return new WorkloadResult(
        name,
        round(wall, 3),
        ops,
        unit,
        wall <= 0 ? 0 : round(ops / wall, 2),
        recorder.latencies(),
        recorder.errors(),
        recorder.checks(),
        cpu,
        new TreeMap<>(rssPeakKb),
        new LinkedHashMap<>(extra));
  }

  static double round(double value, int decimals) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return 0;
    }
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
