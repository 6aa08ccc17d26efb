package io.mailroom.bench.report;

import io.mailroom.bench.BenchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The comparison as a plain-text table for the terminal, columns padded to their widest cell. */
final class TextTable {

  private TextTable() {}

  static String render(Comparison comparison) {
    boolean hasDovecot = comparison.dovecot().isPresent();
    boolean hasMailroom = comparison.mailroom().isPresent();
    boolean ratios = hasDovecot && hasMailroom;
    List<String[]> lines = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("workload", "measure"));
    if (hasDovecot) {
      header.add("Dovecot");
    }
    if (hasMailroom) {
      header.add("Mailroom");
    }
    if (ratios) {
      header.add("Mailroom ÷ Dovecot");
    }
    lines.add(header.toArray(String[]::new));
    String previous = null;
    for (Row row : comparison.rows()) {
      List<String> cells = new ArrayList<>();
      cells.add(row.workload().equals(previous) ? "" : row.workload());
      previous = row.workload();
      cells.add(row.measure());
      if (row.format() != Row.Format.NOTE) {
        if (hasDovecot) {
          cells.add(Numbers.values(row.format(), row.dovecot()));
        }
        if (hasMailroom) {
          cells.add(Numbers.values(row.format(), row.mailroom()));
        }
        if (ratios) {
          cells.add(Numbers.ratios(row.ratio()));
        }
      }
      lines.add(cells.toArray(String[]::new));
    }

    int columns = header.size();
    int[] widths = new int[columns];
    for (String[] line : lines) {
      if (line.length == columns) {
        for (int i = 0; i < columns; i++) {
          widths[i] = Math.max(widths[i], line[i].length());
        }
      }
    }
    StringBuilder out = new StringBuilder();
    describe(out, "Dovecot", comparison.dovecot());
    describe(out, "Mailroom", comparison.mailroom());
    out.append('\n');
    for (int n = 0; n < lines.size(); n++) {
      String[] line = lines.get(n);
      if (n > 1 && !line[0].isEmpty()) {
        out.append(rule(widths)).append('\n');
      }
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < line.length; i++) {
        // Numbers right-aligned so magnitudes line up; names and notes left.
        boolean number = i >= 2;
        String cell = line[i];
        String pad = " ".repeat(Math.max(0, widths[i] - cell.length()));
        text.append(number ? pad + cell : cell + (i == line.length - 1 ? "" : pad));
        if (i < line.length - 1) {
          text.append("  ");
        }
      }
      out.append(text.toString().stripTrailing()).append('\n');
      if (n == 0) {
        out.append(rule(widths)).append('\n');
      }
    }
    if (!comparison.allChecksPassed()) {
      out.append("\nCHECKS FAILED — the figures above are not to be trusted:\n");
      failures(out, "Dovecot", comparison.dovecot());
      failures(out, "Mailroom", comparison.mailroom());
    }
    return out.toString();
  }

  private static void describe(StringBuilder out, String label, Optional<BenchResult> result) {
    result.ifPresent(
        r -> {
          Map<String, Object> options = r.options() == null ? Map.of() : r.options();
          Map<String, Object> machine = r.machine() == null ? Map.of() : r.machine();
          out.append(
              String.format(
                  "%s: %s, started %s, --secs %s --clients %s, %s cores%n",
                  label,
                  r.target(),
                  r.startedAt(),
                  options.getOrDefault("secs", "?"),
                  options.getOrDefault("clients", "?"),
                  machine.getOrDefault("cores", "?")));
        });
  }

  private static void failures(StringBuilder out, String label, Optional<BenchResult> result) {
    result.ifPresent(
        r ->
            r.workloads().stream()
                .filter(w -> w.checks() != null && w.checks().failed() > 0)
                .forEach(
                    w -> {
                      out.append(
                          String.format(
                              "  %s %s: %d failed%n", label, w.name(), w.checks().failed()));
                      w.checks()
                          .firstFailures()
                          .forEach(f -> out.append("    ").append(f).append('\n'));
                    }));
  }

  private static String rule(int[] widths) {
    int total = 0;
    for (int w : widths) {
      total += w + 2;
    }
    return "-".repeat(Math.max(0, total - 2));
  }
}
