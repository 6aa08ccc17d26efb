package io.mailroom.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mailroom.bench.BenchResult;
import io.mailroom.bench.ResultWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code mailroom-bench report [--mailroom A.json] [--dovecot B.json] [--json OUT] [--html OUT]}:
 * prints the comparison table and writes the combined JSON and the HTML page. At least one input is
 * needed; with only one there is no ratio column.
 *
 * <p>Exit status 0 when the report was written, 2 for bad arguments or an unreadable input (one
 * line on stderr). Failed checks in the inputs are printed under the table but do not change the
 * status: {@code run} already reported them through its own.
 */
public final class Report {

  public static final int EXIT_OK = 0;
  public static final int EXIT_BAD_ARGUMENTS = 2;

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private Report() {}

  /** Kept for Bench's reflective call: exits only when something went wrong. */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != EXIT_OK) {
      System.exit(status);
    }
  }

  /** The options of one report run. */
  record Options(
      Optional<Path> mailroom, Optional<Path> dovecot, Optional<Path> json, Optional<Path> html) {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    Options options;
    Comparison comparison;
    try {
      options = parse(args);
      comparison = new Comparison(read(options.dovecot()), read(options.mailroom()));
    } catch (IllegalArgumentException e) {
      err.println("mailroom-bench report: " + e.getMessage());
      return EXIT_BAD_ARGUMENTS;
    }
    out.print(TextTable.render(comparison));
    try {
      if (options.json().isPresent()) {
        write(options.json().get(), JSON.writeValueAsString(combined(comparison)) + "\n");
        out.println("JSON: " + options.json().get());
      }
      if (options.html().isPresent()) {
        write(options.html().get(), HtmlReport.render(comparison));
        out.println("HTML: " + options.html().get());
      }
    } catch (IOException e) {
      err.println("mailroom-bench report: cannot write: " + e.getMessage());
      return EXIT_BAD_ARGUMENTS;
    }
    return EXIT_OK;
  }

  static Options parse(String[] args) {
    Map<String, Path> paths = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (!List.of("--mailroom", "--dovecot", "--json", "--html").contains(option)) {
        throw new IllegalArgumentException(
            "unknown argument '" + option + "' (--mailroom, --dovecot, --json, --html)");
      }
      if (i + 1 >= args.length || args[i + 1].isBlank()) {
        throw new IllegalArgumentException(option + " needs a file");
      }
      paths.put(option, Path.of(args[++i]));
    }
    if (!paths.containsKey("--mailroom") && !paths.containsKey("--dovecot")) {
      throw new IllegalArgumentException("give --mailroom FILE, --dovecot FILE or both");
    }
    return new Options(
        Optional.ofNullable(paths.get("--mailroom")),
        Optional.ofNullable(paths.get("--dovecot")),
        Optional.ofNullable(paths.get("--json")),
        Optional.ofNullable(paths.get("--html")));
  }

  private static Optional<BenchResult> read(Optional<Path> file) {
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ResultWriter.read(file.get()));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file.get() + ": " + oneLine(e));
    }
  }

  /** Both inputs whole, and the table's rows with their ratios, for tools that chart history. */
  static Map<String, Object> combined(Comparison comparison) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("generatedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    json.put("allChecksPassed", comparison.allChecksPassed());
    Map<String, Object> targets = new LinkedHashMap<>();
    comparison.dovecot().ifPresent(r -> targets.put("dovecot", r));
    comparison.mailroom().ifPresent(r -> targets.put("mailroom", r));
    json.put("targets", targets);
    json.put("rows", comparison.rows(Integer.MAX_VALUE));
    return json;
  }

  private static void write(Path file, String content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private static String oneLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
