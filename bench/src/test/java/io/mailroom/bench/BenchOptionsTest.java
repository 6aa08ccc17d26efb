package io.mailroom.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  private static final List<String> REQUIRED =
      List.of("--accounts", "/tmp/accounts.tsv", "--out", "/tmp/out.json");

  @Test
  void defaults() throws Exception {
    BenchOptions options = BenchOptions.parse(REQUIRED);
    assertThat(options.target()).isEqualTo("mailroom");
    assertThat(options.workloads()).isEqualTo(BenchOptions.ALL_WORKLOADS);
    assertThat(options.secs()).isEqualTo(30);
    assertThat(options.clients()).isEqualTo(50);
    assertThat(options.idleSessions()).isEqualTo(2000);
    assertThat(options.seed()).isEqualTo(42);
    assertThat(options.hook()).isEmpty();
    assertThat(options.progress()).isFalse();
  }

  @Test
  void everyOption() throws Exception {
    BenchOptions options =
        parse(
            "--target",
            "dovecot",
            "--host",
            "127.0.0.2",
            "--imap-port",
            "10143",
            "--pop3-port",
            "10110",
            "--lmtp-port",
            "10024",
            "--lmtp-domain",
            "bench.test",
            "--workloads",
            "idle,imap-steady,idle",
            "--secs",
            "5",
            "--clients",
            "3",
            "--idle-sessions",
            "200",
            "--seed",
            "7",
            "--measure",
            "dovecot=10,11",
            "--measure",
            "dovecot=12",
            "--measure",
            "pg=20",
            "--hook",
            "/bin/true",
            "--progress");
    assertThat(options.target()).isEqualTo("dovecot");
    assertThat(options.imapPort()).isEqualTo(10143);
    assertThat(options.lmtpDomain()).isEqualTo("bench.test");
    assertThat(options.workloads()).containsExactly("idle", "imap-steady");
    assertThat(options.measure())
        .containsEntry("dovecot", List.of(10L, 11L, 12L))
        .containsEntry("pg", List.of(20L));
    assertThat(options.hook()).contains(Path.of("/bin/true"));
    assertThat(options.progress()).isTrue();
  }

  @Test
  void badArgumentsSayWhatInOneLine() {
    assertBad("--accounts FILE is required", "--out", "x.json");
    assertBad("--out FILE.json is required", "--accounts", "a.tsv");
    assertBad("--secs wants a number, got 'ten'", "--secs", "ten");
    assertBad("--clients wants a positive number, got '0'", "--clients", "0");
    assertBad("--imap-port wants a port 1-65535, got '70000'", "--imap-port", "70000");
    assertBad("unknown option --color", "--color", "red");
    assertBad("--secs needs a value", "--secs");
    assertBad("unexpected argument 'extra'", "extra");
    assertBad("--measure wants NAME=PID[,PID...], got 'dovecot'", "--measure", "dovecot");
    assertBad("--measure pg: '-3' is not a pid", "--measure", "pg=-3");
    assertBad("unknown workload 'smtp'", "--workloads", "imap-steady,smtp");
  }

  private static void assertBad(String message, String... args) {
    List<String> all = new ArrayList<>();
    if (!List.of(args).contains("--accounts") && !message.contains("--accounts")) {
      all.addAll(List.of("--accounts", "a.tsv"));
    }
    if (!List.of(args).contains("--out") && !message.contains("--out")) {
      all.addAll(List.of("--out", "o.json"));
    }
    all.addAll(List.of(args));
    assertThatThrownBy(() -> BenchOptions.parse(all))
        .isInstanceOf(BenchOptions.BadArguments.class)
        .hasMessageStartingWith(message)
        .hasMessageNotContaining("\n");
  }

  private static BenchOptions parse(String... args) throws Exception {
    List<String> all = new ArrayList<>(REQUIRED);
    all.addAll(List.of(args));
    return BenchOptions.parse(all);
  }
}
