package io.mailroom.bench.report;

import io.mailroom.bench.report.Row.Format;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the report writes numbers: a few significant digits, memory in KB/MB/GB, ratios as "×". */
final class Numbers {

  static final String MISSING = "—";

  private Numbers() {}

  static String values(Format format, List<Double> values) {
    if (values.isEmpty()) {
      return MISSING;
    }
    return values.stream().map(v -> value(format, v)).collect(Collectors.joining(" / "));
  }

  static String ratios(List<Double> ratios) {
    if (ratios.isEmpty()) {
      return "";
    }
    return ratios.stream().map(Numbers::ratio).collect(Collectors.joining(" / "));
  }

  static String value(Format format, Double value) {
    if (value == null || !Double.isFinite(value)) {
      return MISSING;
    }
    double v = value;
    return switch (format) {
      case RATE, MS -> decimal(v);
      case KB -> memory(v);
      case SHARE -> String.format(Locale.ROOT, v < 0.1 ? "%.1f%%" : "%.0f%%", v * 100);
      case COUNT -> String.format(Locale.ROOT, "%,d", Math.round(v));
      case NOTE -> "";
    };
  }

  static String ratio(Double ratio) {
    if (ratio == null || !Double.isFinite(ratio)) {
      return MISSING;
    }
    double r = ratio;
    String pattern = r < 1 ? "%.2f×" : r < 10 ? "%.1f×" : "%,.0f×";
    return String.format(Locale.ROOT, pattern, r);
  }

  static String decimal(double v) {
    double a = Math.abs(v);
    String pattern = a == 0 ? "%.0f" : a < 1 ? "%.2f" : a < 100 ? "%.1f" : "%,.0f";
    return String.format(Locale.ROOT, pattern, v);
  }

  static String memory(double kb) {
    if (kb < 1024) {
      return String.format(Locale.ROOT, "%.1f KB", kb);
    }
    if (kb < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MB", kb / 1024);
    }
    return String.format(Locale.ROOT, "%.2f GB", kb / 1024 / 1024);
  }
}
