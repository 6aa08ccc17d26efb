package io.mailroom.bench.report;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG bar charts for the HTML report: no script, no external asset, so the page opens from
 * disk anywhere and can be attached to an issue as one file.
 */
final class Charts {

  static final String DOVECOT_COLOUR = "#4e79a7";
  static final String MAILROOM_COLOUR = "#f28e2b";

  private Charts() {}

  /** One value per target, a missing one drawn as no bar; the two bars share a linear scale. */
  static String pair(String title, String unit, Double dovecot, Double mailroom) {
    int width = 200;
    int height = 170;
    int top = 40;
    int bottom = 135;
    double max = Math.max(value(dovecot), value(mailroom));
    StringBuilder svg = open(width, height);
    text(svg, width / 2.0, 16, "middle", 13, "bold", title);
    line(svg, 20, bottom, width - 20, bottom);
    bar(svg, 45, 50, top, bottom, max, dovecot, DOVECOT_COLOUR, "Dovecot");
    bar(svg, 115, 50, top, bottom, max, mailroom, MAILROOM_COLOUR, "Mailroom");
    text(svg, width / 2.0, height - 6, "middle", 11, "normal", unit);
    return svg.append("</svg>").toString();
  }

  private static void bar(
      StringBuilder svg,
      double x,
      double w,
      int top,
      int bottom,
      double max,
      Double value,
      String colour,
      String label) {
    text(svg, x + w / 2, bottom + 14, "middle", 11, "normal", label);
    if (value == null) {
      text(svg, x + w / 2, bottom - 4, "middle", 11, "normal", "not run");
      return;
    }
    double h = max <= 0 ? 0 : (bottom - top) * value / max;
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %s"
                + "</title></rect>",
            x,
            bottom - h,
            w,
            h,
            colour,
            label,
            Numbers.decimal(value)));
    text(svg, x + w / 2, bottom - h - 4, "middle", 11, "normal", Numbers.decimal(value));
  }

  /** One latency line of a workload: a command's p50 and p99 on each target. */
  record Latencies(String command, List<Double> dovecot, List<Double> mailroom) {}

  /**
   * Horizontal bars, p50 and p99 of each command on each target, on a log scale: a server's p50 and
   * another's p99 can be three decades apart, and a linear axis would flatten the fast one to
   * nothing.
   */
  static String latencies(String title, List<Latencies> commands) {
    int left = 190;
    int width = 620;
    int right = width - 70;
    int rowHeight = 12;
    int groupHeight = 4 * rowHeight + 10;
    int top = 44;
    int height = top + commands.size() * groupHeight + 24;
    double min = Double.MAX_VALUE;
    double max = 0;
    for (Latencies c : commands) {
      for (List<Double> values : List.of(c.dovecot(), c.mailroom())) {
        for (double v : values) {
          if (v > 0) {
            min = Math.min(min, v);
            max = Math.max(max, v);
          }
        }
      }
    }
    if (max == 0) {
      min = 0.1;
      max = 1;
    }
    double lo = Math.pow(10, Math.floor(Math.log10(min)));
    double hi = Math.pow(10, Math.ceil(Math.log10(max)));
    if (hi <= lo) {
      hi = lo * 10;
    }
    double decades = Math.log10(hi / lo);
    StringBuilder svg = open(width, height);
    text(svg, 8, 16, "start", 13, "bold", title + " — latency, ms (log scale)");
    legend(svg, left, 32);
    for (double tick = lo; tick <= hi * 1.0001; tick *= 10) {
      double x = left + (right - left) * Math.log10(tick / lo) / decades;
      line(svg, x, top - 4, x, height - 20);
      text(svg, x, height - 6, "middle", 10, "normal", tick(tick));
    }
    int y = top;
    for (Latencies c : commands) {
      text(svg, left - 34, y + 2 * rowHeight + 4, "end", 11, "normal", c.command());
      String[] labels = {"p50", "p99"};
      for (int p = 0; p < 2; p++) {
        for (int t = 0; t < 2; t++) {
          List<Double> values = t == 0 ? c.dovecot() : c.mailroom();
          double rowY = y + (2 * p + t) * rowHeight;
          if (t == 0) {
            text(svg, left - 6, rowY + rowHeight + 3, "end", 9, "normal", labels[p]);
          }
          if (values.size() > p && values.get(p) > 0) {
            double v = Math.max(values.get(p), lo);
            double x = left + (right - left) * Math.log10(v / lo) / decades;
            svg.append(
                String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                        + "<title>%s %s %s: %s ms</title></rect>",
                    left,
                    rowY,
                    Math.max(1, x - left),
                    rowHeight - 2,
                    t == 0 ? DOVECOT_COLOUR : MAILROOM_COLOUR,
                    escape(c.command()),
                    t == 0 ? "Dovecot" : "Mailroom",
                    labels[p],
                    Numbers.decimal(values.get(p))));
            text(
                svg,
                x + 4,
                rowY + rowHeight - 2,
                "start",
                9,
                "normal",
                Numbers.decimal(values.get(p)));
          }
        }
      }
      y += groupHeight;
    }
    return svg.append("</svg>").toString();
  }

  private static void legend(StringBuilder svg, double x, double y) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\"/>",
            x,
            y - 9,
            DOVECOT_COLOUR));
    text(svg, x + 14, y, "start", 11, "normal", "Dovecot");
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\"/>",
            x + 80,
            y - 9,
            MAILROOM_COLOUR));
    text(svg, x + 94, y, "start", 11, "normal", "Mailroom");
  }

  private static StringBuilder open(int width, int height) {
    return new StringBuilder(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d"
                + " %d\" font-family=\"sans-serif\">",
            width,
            height,
            width,
            height));
  }

  private static void line(StringBuilder svg, double x1, double y1, double x2, double y2) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ccc\"/>",
            x1,
            y1,
            x2,
            y2));
  }

  private static void text(
      StringBuilder svg, double x, double y, String anchor, int size, String weight, String text) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" font-weight=\"%s\">%s"
                + "</text>",
            x,
            y,
            anchor,
            size,
            weight,
            escape(text)));
  }

  private static String tick(double v) {
    return v >= 1 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%s", v);
  }

  private static double value(Double v) {
    return v == null || !Double.isFinite(v) ? 0 : v;
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
