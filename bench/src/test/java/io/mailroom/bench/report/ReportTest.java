package io.mailroom.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int report(String... args) {
    return Report.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String resource(String name) throws URISyntaxException {
    return Path.of(ReportTest.class.getResource("/report/" + name).toURI()).toString();
  }

  private String table() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void bothTargetsGiveATableWithRatios() throws Exception {
    Path json = dir.resolve("out/bench.json");
    Path html = dir.resolve("out/bench.html");
    int status =
        report(
            "--mailroom", resource("mailroom.json"),
            "--dovecot", resource("dovecot.json"),
            "--json", json.toString(),
            "--html", html.toString());

    assertThat(status).isZero();
    assertThat(table())
        .contains("Mailroom ÷ Dovecot")
        .containsPattern("throughput \\(commands/s\\) +4,514 +131 +0\\.03×")
        .containsPattern("CPU per op, all server processes \\(ms\\) +0\\.34 +15\\.6 +46×")
        .containsPattern(
            "FETCH-FLAGS p50 / p99 \\(ms\\) +0\\.40 / 3\\.1 +40\\.0 / 310 +100× / 100×")
        .containsPattern("memory per IDLE connection +525\\.0 KB +11\\.2 KB +0\\.02×")
        .containsPattern(
            "delivery to IDLE EXISTS p50 / p99 \\(ms\\) +2\\.0 / 9\\.0 +40\\.0 / 90\\.0")
        .containsPattern("driver CPU, share of server's +20% +2\\.0%")
        .contains("skipped (Mailroom: no --hook given)")
        .contains("CHECKS FAILED")
        .contains("RETR 7 of bench0001: octets 10 != 12");

    JsonNode combined = new ObjectMapper().readTree(json.toFile());
    assertThat(combined.get("allChecksPassed").asBoolean()).isFalse();
    assertThat(combined.at("/targets/dovecot/target").asText()).isEqualTo("dovecot");
    assertThat(combined.at("/targets/mailroom/workloads/0/ops").asLong()).isEqualTo(3930);
    JsonNode throughput = combined.get("rows").get(0);
    assertThat(throughput.get("workload").asText()).isEqualTo("imap-steady");
    assertThat(throughput.get("ratio").get(0).asDouble()).isCloseTo(131.0 / 4514, within());

    String page = Files.readString(html);
    assertThat(page)
        .startsWith("<!DOCTYPE html>")
        .contains("<svg", "Throughput", "Latency percentiles", "CPU per operation")
        .contains("x &lt;b&gt;")
        .doesNotContain("<script", "<link", "src=", "x <b>");
    assertThat(page.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http");
  }

  @Test
  void oneTargetAloneHasNoRatioColumn() {
    int status = report("--dovecot", resourceQuietly("dovecot.json"));

    assertThat(status).isZero();
    assertThat(table()).contains("Dovecot").doesNotContain("÷").doesNotContain("×");
    assertThat(table()).containsPattern("throughput \\(commands/s\\) +4,514\\n");
  }

  @Test
  void badArgumentsGiveOneLineAndStatusTwo() {
    assertThat(report()).isEqualTo(2);
    assertThat(report("--mailroom")).isEqualTo(2);
    assertThat(report("--what", "x")).isEqualTo(2);
    assertThat(report("--mailroom", dir.resolve("missing.json").toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .hasSize(4)
        .allMatch(l -> l.startsWith("mailroom-bench report: "));
    assertThat(table()).isEmpty();
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }

  private static String resourceQuietly(String name) {
    try {
      return resource(name);
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }
}
