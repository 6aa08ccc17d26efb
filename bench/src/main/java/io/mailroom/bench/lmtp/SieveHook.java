package io.mailroom.bench.lmtp;

import io.mailroom.bench.Account;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The --hook executable that switches Sieve on and off for the lmtp-sieve phase: {@code PATH
 * sieve-on USER...} and {@code PATH sieve-off USER...}. Its output is kept, not shown, unless it
 * fails: the driver's stdout and stderr belong to the progress line and the report.
 */
final class SieveHook {

  private final Path executable;
  private final Duration timeout;

  SieveHook(Path executable, Duration timeout) {
    this.executable = executable;
    this.timeout = timeout;
  }

  /** Runs the hook; null when it exited 0, otherwise why it failed, on one line. */
  String run(String mode, List<Account> users) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.add(mode);
    users.forEach(u -> command.add(u.username()));
    Path log = null;
    try {
      // Output to a file, not a pipe: a hook that hangs must not hang the driver past the timeout.
      log = Files.createTempFile("mailroom-bench-hook", ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "hook " + mode + " did not finish in " + timeout.toSeconds() + " s";
      }
      if (process.exitValue() != 0) {
        String text = Files.readString(log, StandardCharsets.UTF_8).strip();
        String last = text.isEmpty() ? "" : text.substring(text.lastIndexOf('\n') + 1);
        return "hook " + executable + " " + mode + " exited " + process.exitValue() + ": " + last;
      }
      return null;
    } catch (IOException e) {
      return "hook " + executable + " " + mode + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "hook " + mode + " interrupted";
    } finally {
      if (log != null) {
        log.toFile().delete();
      }
    }
  }
}
