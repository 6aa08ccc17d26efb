package io.mailroom.bench.report;

import static io.mailroom.bench.report.Charts.escape;

import io.mailroom.bench.BenchResult;
import io.mailroom.bench.WorkloadResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The comparison as one self-contained HTML page: charts in inline SVG, the full table, checks. */
final class HtmlReport {

  private static final String STYLE =
      """
      body { font-family: sans-serif; margin: 2em; color: #222; }
      h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
      .charts { display: flex; flex-wrap: wrap; gap: 1em; }
      .charts svg { border: 1px solid #eee; background: #fff; }
      table { border-collapse: collapse; font-size: 14px; }
      th, td { padding: 3px 10px; border-bottom: 1px solid #eee; text-align: left; }
      td.n { text-align: right; font-variant-numeric: tabular-nums; }
      tr.first td { border-top: 2px solid #bbb; }
      .failed { color: #b00020; font-weight: bold; }
      .dovecot { color: #4e79a7; } .mailroom { color: #f28e2b; }
      """;

  private HtmlReport() {}

  static String render(Comparison comparison) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Mailroom bench</title><style>")
        .append(STYLE)
        .append("</style></head><body>\n<h1>Mailroom bench: <span class=\"mailroom\">Mailroom")
        .append("</span> and <span class=\"dovecot\">Dovecot</span></h1>\n");
    describe(html, "Dovecot", comparison.dovecot());
    describe(html, "Mailroom", comparison.mailroom());
    if (!comparison.allChecksPassed()) {
      html.append("<p class=\"failed\">Correctness checks failed: see the end of the page.")
          .append(" Figures measured on wrong answers are not to be trusted.</p>\n");
    }
    List<String> measured =
        comparison.workloads().stream()
            .filter(
                w ->
                    measured(comparison.dovecot(w)).isPresent()
                        || measured(comparison.mailroom(w)).isPresent())
            .toList();

    html.append("<h2>Throughput</h2>\n<div class=\"charts\">");
    for (String w : measured) {
      html.append(
          Charts.pair(
              w,
              unit(comparison, w),
              get(comparison.dovecot(w), WorkloadResult::throughput),
              get(comparison.mailroom(w), WorkloadResult::throughput)));
    }
    html.append("</div>\n<h2>CPU per operation, all server processes</h2>\n<div class=\"charts\">");
    for (String w : measured) {
      html.append(
          Charts.pair(
              w,
              "ms CPU per " + opName(unit(comparison, w)),
              get(comparison.dovecot(w), r -> r.cpu() == null ? null : r.cpu().serverMsPerOp()),
              get(comparison.mailroom(w), r -> r.cpu() == null ? null : r.cpu().serverMsPerOp())));
    }
    html.append("</div>\n<h2>Latency percentiles</h2>\n<div class=\"charts\">");
    for (String w : measured) {
      List<Charts.Latencies> lines = new ArrayList<>();
      for (String command :
          Comparison.mainCommands(comparison.dovecot(w), comparison.mailroom(w), 1000)) {
        lines.add(
            new Charts.Latencies(
                command,
                percentiles(comparison.dovecot(w), command),
                percentiles(comparison.mailroom(w), command)));
      }
      if (!lines.isEmpty()) {
        html.append(Charts.latencies(w, lines));
      }
    }
    html.append("</div>\n<h2>Every figure</h2>\n");
    table(html, comparison);
    html.append("<h2>CPU seconds by process group</h2>\n");
    cpuGroups(html, comparison, measured);
    failures(html, "Dovecot", comparison.dovecot());
    failures(html, "Mailroom", comparison.mailroom());
    return html.append("</body></html>\n").toString();
  }

  private static void describe(StringBuilder html, String label, Optional<BenchResult> result) {
    result.ifPresent(
        r ->
            html.append("<p><b class=\"")
                .append(label.toLowerCase())
                .append("\">")
                .append(label)
                .append("</b>: target ")
                .append(escape(String.valueOf(r.target())))
                .append(", started ")
                .append(escape(String.valueOf(r.startedAt())))
                .append(", machine ")
                .append(escape(String.valueOf(r.machine())))
                .append(", options ")
                .append(escape(String.valueOf(r.options())))
                .append("</p>\n"));
  }

  private static void table(StringBuilder html, Comparison comparison) {
    boolean d = comparison.dovecot().isPresent();
    boolean m = comparison.mailroom().isPresent();
    html.append("<table><tr><th>workload</th><th>measure</th>");
    if (d) {
      html.append("<th class=\"dovecot\">Dovecot</th>");
    }
    if (m) {
      html.append("<th class=\"mailroom\">Mailroom</th>");
    }
    if (d && m) {
      html.append("<th>Mailroom ÷ Dovecot</th>");
    }
    html.append("</tr>\n");
    String previous = null;
    for (Row row : comparison.rows(Integer.MAX_VALUE)) {
      boolean first = !row.workload().equals(previous);
      previous = row.workload();
      html.append(
              first ? "<tr class=\"first\"><td><b>" + escape(row.workload()) + "</b>" : "<tr><td>")
          .append("</td><td>")
          .append(escape(row.measure()))
          .append("</td>");
      if (row.format() == Row.Format.NOTE) {
        html.append("</tr>\n");
        continue;
      }
      boolean bad = row.format() == Row.Format.COUNT && row.measure().startsWith("check");
      if (d) {
        cell(html, Numbers.values(row.format(), row.dovecot()), bad && positive(row.dovecot()));
      }
      if (m) {
        cell(html, Numbers.values(row.format(), row.mailroom()), bad && positive(row.mailroom()));
      }
      if (d && m) {
        cell(html, Numbers.ratios(row.ratio()), false);
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
  }

  private static void cpuGroups(StringBuilder html, Comparison comparison, List<String> measured) {
    html.append("<table><tr><th>workload</th><th>target</th><th>group</th><th>CPU s</th>")
        .append("<th>peak RSS</th></tr>\n");
    for (String w : measured) {
      for (String target : List.of("Dovecot", "Mailroom")) {
        Optional<WorkloadResult> result =
            target.equals("Dovecot") ? comparison.dovecot(w) : comparison.mailroom(w);
        result
            .filter(r -> r.cpu() != null && r.cpu().groups() != null)
            .ifPresent(
                r -> {
                  Set<String> groups = new LinkedHashSet<>(r.cpu().groups().keySet());
                  if (r.rssPeakKb() != null) {
                    groups.addAll(r.rssPeakKb().keySet());
                  }
                  for (String group : groups) {
                    Double cpu = r.cpu().groups().get(group);
                    Long rss = r.rssPeakKb() == null ? null : r.rssPeakKb().get(group);
                    html.append("<tr><td>")
                        .append(escape(w))
                        .append("</td><td>")
                        .append(target)
                        .append("</td><td>")
                        .append(escape(group))
                        .append("</td>");
                    cell(html, cpu == null ? Numbers.MISSING : Numbers.decimal(cpu), false);
                    cell(html, rss == null ? Numbers.MISSING : Numbers.memory(rss), false);
                    html.append("</tr>\n");
                  }
                });
      }
    }
    html.append("</table>\n");
  }

  private static void failures(StringBuilder html, String label, Optional<BenchResult> result) {
    result.ifPresent(
        r ->
            r.workloads().stream()
                .filter(w -> w.checks() != null && w.checks().failed() > 0)
                .forEach(
                    w -> {
                      html.append("<h3 class=\"failed\">")
                          .append(label)
                          .append(" ")
                          .append(escape(w.name()))
                          .append(": ")
                          .append(w.checks().failed())
                          .append(" checks failed</h3><ul>");
                      w.checks()
                          .firstFailures()
                          .forEach(f -> html.append("<li>").append(escape(f)).append("</li>"));
                      html.append("</ul>\n");
                    }));
  }

  private static void cell(StringBuilder html, String text, boolean failed) {
    html.append(failed ? "<td class=\"n failed\">" : "<td class=\"n\">")
        .append(escape(text))
        .append("</td>");
  }

  private static boolean positive(List<Double> values) {
    return !values.isEmpty() && values.get(0) > 0;
  }

  private static Optional<WorkloadResult> measured(Optional<WorkloadResult> result) {
    return result.filter(r -> Comparison.skipped(r).isEmpty());
  }

  private static String unit(Comparison comparison, String workload) {
    return comparison
        .mailroom(workload)
        .or(() -> comparison.dovecot(workload))
        .map(WorkloadResult::unit)
        .orElse("ops/s");
  }

  /** "messages/s" → "message": what one operation of the CPU chart is. */
  private static String opName(String unit) {
    String op = unit.endsWith("/s") ? unit.substring(0, unit.length() - 2) : unit;
    return op.endsWith("s") ? op.substring(0, op.length() - 1) : op;
  }

  private static Double get(
      Optional<WorkloadResult> result, Function<WorkloadResult, Double> value) {
    return measured(result).map(value).orElse(null);
  }

  private static List<Double> percentiles(Optional<WorkloadResult> result, String command) {
    return measured(result)
        .map(r -> r.latency() == null ? null : r.latency().get(command))
        .map(l -> List.of(l.p50Ms(), l.p99Ms()))
        .orElse(List.of());
  }
}
