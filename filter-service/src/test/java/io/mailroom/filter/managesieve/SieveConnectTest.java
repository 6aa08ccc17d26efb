package io.mailroom.filter.managesieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mailroom.filter.script.ScriptService;
import io.mailroom.filter.testing.TestState;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Debian sieve-connect client, driven non-interactively (--exec), against our ManageSieve port:
 * STARTTLS (certificate not verified: it is self-signed), AUTHENTICATE PLAIN, PUTSCRIPT, SETACTIVE,
 * LISTSCRIPTS, GETSCRIPT, DELETESCRIPT. Skipped where sieve-connect is not installed.
 */
@QuarkusTest
class SieveConnectTest {
  private static final Path CLIENT = Path.of("/usr/bin/sieve-connect");

  @Inject TestState state;
  @Inject ScriptService scripts;

  @BeforeEach
  void reset() {
    state.reset();
  }

  private record Run(int exit, String output) {}

  private static Run sieveConnect(Path directory, String... arguments) throws Exception {
    var command =
        new java.util.ArrayList<>(
            List.of(
                CLIENT.toString(),
                "--server",
                "127.0.0.1",
                "--port",
                "14190",
                "--user",
                "alice",
                "--passwordfd",
                "0",
                "--notlsverify"));
    command.addAll(List.of(arguments));
    var process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    process.getOutputStream().write("secret\n".getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("sieve-connect did not finish");
    }
    var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(process.exitValue(), output);
  }

  @Test
  void uploadActivateListDownloadDelete() throws Exception {
    assumeTrue(Files.isExecutable(CLIENT), "sieve-connect is not installed");
    var directory = Files.createTempDirectory("sieve-connect");
    var script =
        "require [\"fileinto\", \"mailbox\"];\n"
            + "if header :contains \"subject\" \"invoice\" { fileinto :create \"Invoices\"; }\n";
    Files.writeString(directory.resolve("invoices.sieve"), script);
    Files.writeString(
        directory.resolve("commands"),
        "put invoices.sieve invoices\nactivate invoices\nlist\nget invoices back.sieve\n");

    var run = sieveConnect(directory, "--exec", "commands");
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("invoices");
    assertThat(Files.readString(directory.resolve("back.sieve"))).isEqualTo(script);
    var stored = scripts.get("alice", "invoices").await().atMost(Duration.ofSeconds(10));
    assertThat(stored).hasValueSatisfying(s -> assertThat(s.activeIncoming()).isTrue());

    Files.writeString(directory.resolve("broken.sieve"), "if true {\n");
    var refused =
        sieveConnect(directory, "--upload", "--localsieve", "broken.sieve", "--remotesieve", "bad");
    assertThat(refused.exit()).isNotZero();
    assertThat(scripts.get("alice", "bad").await().atMost(Duration.ofSeconds(10))).isEmpty();

    Files.writeString(directory.resolve("cleanup"), "deactivate\ndelete invoices\n");
    var cleanup = sieveConnect(directory, "--exec", "cleanup");
    assertThat(cleanup.exit()).as(cleanup.output()).isZero();
    assertThat(scripts.list("alice").await().atMost(Duration.ofSeconds(10))).isEmpty();
  }
}
