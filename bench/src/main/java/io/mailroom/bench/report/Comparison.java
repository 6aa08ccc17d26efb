package io.mailroom.bench.report;

import io.mailroom.bench.BenchResult;
import io.mailroom.bench.WorkloadResult;
import io.mailroom.bench.WorkloadResult.Latency;
import io.mailroom.bench.report.Row.Format;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The two result files side by side, as rows: for each workload either target ran, its throughput,
 * server CPU per operation, latency of its main commands, memory, the driver's own share and the
 * checks. Either target may be absent; its column is then empty and no row has a ratio.
 */
public record Comparison(Optional<BenchResult> dovecot, Optional<BenchResult> mailroom) {

  /** The terminal table shows this many commands per workload, the most frequent; HTML all. */
  static final int MAIN_COMMANDS = 5;

  public List<String> workloads() {
    Set<String> names = new LinkedHashSet<>();
    mailroom.ifPresent(r -> r.workloads().forEach(w -> names.add(w.name())));
    dovecot.ifPresent(r -> r.workloads().forEach(w -> names.add(w.name())));
    return List.copyOf(names);
  }

  public Optional<WorkloadResult> dovecot(String workload) {
    return find(dovecot, workload);
  }

  public Optional<WorkloadResult> mailroom(String workload) {
    return find(mailroom, workload);
  }

  public List<Row> rows() {
    return rows(MAIN_COMMANDS);
  }

  public List<Row> rows(int commandsPerWorkload) {
    List<Row> rows = new ArrayList<>();
    for (String name : workloads()) {
      List<String> notes = new ArrayList<>();
      dovecot(name).flatMap(Comparison::skipped).ifPresent(why -> notes.add("Dovecot: " + why));
      mailroom(name).flatMap(Comparison::skipped).ifPresent(why -> notes.add("Mailroom: " + why));
      if (!notes.isEmpty()) {
        rows.add(
            new Row(name, "skipped (" + String.join("; ", notes) + ")", Format.NOTE, null, null));
      }
      Optional<WorkloadResult> d = dovecot(name).filter(w -> skipped(w).isEmpty());
      Optional<WorkloadResult> m = mailroom(name).filter(w -> skipped(w).isEmpty());
      if (d.isEmpty() && m.isEmpty()) {
        continue;
      }
      String unit = m.or(() -> d).map(WorkloadResult::unit).orElse("ops/s");
      rows.add(row(name, "throughput (" + unit + ")", Format.RATE, d, m, w -> one(w.throughput())));
      rows.add(
          row(
              name,
              "CPU per op, all server processes (ms)",
              Format.MS,
              d,
              m,
              w -> w.cpu() == null ? List.of() : one(w.cpu().serverMsPerOp())));
      for (String command : mainCommands(d, m, commandsPerWorkload)) {
        rows.add(
            row(name, command + " p50 / p99 (ms)", Format.MS, d, m, w -> percentiles(w, command)));
      }
      rows.add(row(name, "peak RSS, all server processes", Format.KB, d, m, Comparison::rss));
      addExtra(
          rows, name, d, m, "memory per IDLE connection", Format.KB, "memoryPerIdleConnectionKb");
      addExtra(
          rows,
          name,
          d,
          m,
          "delivery to IDLE EXISTS p50 / p99 (ms)",
          Format.MS,
          "existsLatencyP50Ms",
          "existsLatencyP99Ms");
      rows.add(
          row(
              name,
              "driver CPU, share of server's",
              Format.SHARE,
              d,
              m,
              w -> w.cpu() == null ? List.of() : one(w.cpu().driverShareOfServer())));
      rows.add(row(name, "errors", Format.COUNT, d, m, Comparison::errors));
      rows.add(
          row(
              name,
              "check failures",
              Format.COUNT,
              d,
              m,
              w -> w.checks() == null ? List.of() : one(w.checks().failed())));
    }
    return rows;
  }

  /** Every check of both files passed. */
  public boolean allChecksPassed() {
    return dovecot.map(BenchResult::allChecksPassed).orElse(true)
        && mailroom.map(BenchResult::allChecksPassed).orElse(true);
  }

  /** Commands of a workload, the most frequent first (over both targets), at most {@code limit}. */
  static List<String> mainCommands(
      Optional<WorkloadResult> d, Optional<WorkloadResult> m, int limit) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Optional<WorkloadResult> w : List.of(m, d)) {
      w.map(WorkloadResult::latency)
          .ifPresent(l -> l.forEach((op, lat) -> counts.merge(op, lat.count(), Math::max)));
    }
    // The delivery-to-EXISTS latency has its own row, from the workload's extra.
    counts.remove("EXISTS");
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .limit(limit)
        .map(Map.Entry::getKey)
        .toList();
  }

  static Optional<String> skipped(WorkloadResult w) {
    Object why = w.extra() == null ? null : w.extra().get("skipped");
    return why == null ? Optional.empty() : Optional.of(why.toString());
  }

  private static List<Double> percentiles(WorkloadResult w, String command) {
    Latency latency = w.latency() == null ? null : w.latency().get(command);
    return latency == null ? List.of() : List.of(latency.p50Ms(), latency.p99Ms());
  }

  private static List<Double> rss(WorkloadResult w) {
    if (w.rssPeakKb() == null || w.rssPeakKb().isEmpty()) {
      return List.of();
    }
    return one(w.rssPeakKb().values().stream().mapToLong(Long::longValue).sum());
  }

  private static List<Double> errors(WorkloadResult w) {
    if (w.errors() == null) {
      return List.of();
    }
    return one(w.errors().values().stream().mapToLong(Long::longValue).sum());
  }

  private static void addExtra(
      List<Row> rows,
      String name,
      Optional<WorkloadResult> d,
      Optional<WorkloadResult> m,
      String measure,
      Format format,
      String... keys) {
    Function<WorkloadResult, List<Double>> values =
        w -> {
          List<Double> found = new ArrayList<>();
          for (String key : keys) {
            Object value = w.extra() == null ? null : w.extra().get(key);
            if (!(value instanceof Number number)) {
              return List.of();
            }
            found.add(number.doubleValue());
          }
          return found;
        };
    Row row = row(name, measure, format, d, m, values);
    if (!row.dovecot().isEmpty() || !row.mailroom().isEmpty()) {
      rows.add(row);
    }
  }

  private static Row row(
      String workload,
      String measure,
      Format format,
      Optional<WorkloadResult> d,
      Optional<WorkloadResult> m,
      Function<WorkloadResult, List<Double>> values) {
    return new Row(
        workload,
        measure,
        format,
        d.map(values).orElse(List.of()),
        m.map(values).orElse(List.of()));
  }

  private static List<Double> one(double value) {
    return List.of(value);
  }

  private static Optional<WorkloadResult> find(Optional<BenchResult> result, String workload) {
    return result.flatMap(
        r -> r.workloads().stream().filter(w -> w.name().equals(workload)).findFirst());
  }
}
