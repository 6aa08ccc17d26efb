package io.mailroom.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/** The whole result file of one target: what ran, where, and each workload's row. */
@JsonPropertyOrder({"target", "startedAt", "machine", "options", "workloads"})
public record BenchResult(
    String target,
    String startedAt,
    Map<String, Object> machine,
    Map<String, Object> options,
    List<WorkloadResult> workloads) {

  public boolean allChecksPassed() {
    return workloads.stream().allMatch(w -> w.checks().failed() == 0);
  }
}
