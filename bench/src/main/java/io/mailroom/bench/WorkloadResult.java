package io.mailroom.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * One row of the report: what one workload (or one phase of it, such as pop3-keep) measured over
 * its window. Field names are the result JSON's; helper B's report reads them back.
 */
@JsonPropertyOrder({
  "name",
  "wallSecs",
  "ops",
  "unit",
  "throughput",
  "latency",
  "errors",
  "checks",
  "cpu",
  "rssPeakKb",
  "extra"
})
public record WorkloadResult(
    String name,
    double wallSecs,
    long ops,
    String unit,
    double throughput,
    Map<String, Latency> latency,
    Map<String, Long> errors,
    Checks checks,
    Cpu cpu,
    Map<String, Long> rssPeakKb,
    Map<String, Object> extra) {

  @JsonPropertyOrder({"count", "p50Ms", "p99Ms", "maxMs"})
  public record Latency(long count, double p50Ms, double p99Ms, double maxMs) {}

  @JsonPropertyOrder({"passed", "failed", "firstFailures"})
  public record Checks(long passed, long failed, List<String> firstFailures) {}

  /**
   * CPU seconds spent during the window: per metered process group, their sum, the driver JVM's
   * own, and the two ratios the report prints.
   */
  @JsonPropertyOrder({"groups", "serverSecs", "driverSecs", "serverMsPerOp", "driverShareOfServer"})
  public record Cpu(
      Map<String, Double> groups,
      double serverSecs,
      double driverSecs,
      double serverMsPerOp,
      double driverShareOfServer) {}
}
