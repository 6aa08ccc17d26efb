package io.mailroom.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchTest {

  @TempDir Path dir;

  @Test
  void badArgumentsExitTwoWithOneLine() throws Exception {
    assertBad("mailroom-bench: a command is required: run or report");
    assertBad("mailroom-bench: unknown command 'walk' (run or report)", "walk");
    assertBad("mailroom-bench: --accounts FILE is required", "run", "--out", "x.json");
    assertBad(
        "mailroom-bench: cannot read accounts file " + dir.resolve("none.tsv"),
        "run",
        "--accounts",
        dir.resolve("none.tsv").toString(),
        "--out",
        "x.json");
    Path accounts = Files.writeString(dir.resolve("a.tsv"), "bench01\tsecret\n");
    assertBad(
        "mailroom-bench: " + accounts + " has 1 accounts; imap-steady needs 5",
        "run",
        "--accounts",
        accounts.toString(),
        "--out",
        "x.json",
        "--workloads",
        "imap-steady",
        "--clients",
        "5");
  }

  @Test
  void accountsFileLinesNeedATab() throws Exception {
    Path accounts = Files.writeString(dir.resolve("a.tsv"), "# users\n\nbench01 secret\n");
    assertBad(
        "mailroom-bench: " + accounts + ":3: expected username<TAB>password",
        "run",
        "--accounts",
        accounts.toString(),
        "--out",
        "x.json");
  }

  @Test
  void sourceAddressesHoldFortyConnectionsEach() {
    assertThat(SourceAddresses.forSlot(0)).isEqualTo("127.0.1.1");
    assertThat(SourceAddresses.forSlot(39)).isEqualTo("127.0.1.1");
    assertThat(SourceAddresses.forSlot(40)).isEqualTo("127.0.1.2");
    assertThat(SourceAddresses.forSlot(40 * 254)).isEqualTo("127.0.2.1");
  }

  private static void assertBad(String line, String... args) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int status;
    try {
      status = Bench.run(args);
    } finally {
      System.setErr(original);
    }
    assertThat(status).isEqualTo(Bench.EXIT_BAD_ARGUMENTS);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(line + System.lineSeparator());
  }
}
