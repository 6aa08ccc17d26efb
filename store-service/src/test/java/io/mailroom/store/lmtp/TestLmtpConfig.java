package io.mailroom.store.lmtp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** LmtpConfig for tests that build the server without Quarkus: ephemeral port on loopback. */
record TestLmtpConfig(Path spool, Duration idleTimeout, int maxErrors) implements LmtpConfig {

  TestLmtpConfig(Path spool) {
    this(spool, Duration.ofMinutes(1), 10);
  }

  @Override
  public String host() {
    return "127.0.0.1";
  }

  @Override
  public int port() {
    return 0;
  }

  @Override
  public String serverName() {
    return "lmtp.test";
  }

  @Override
  public int maxRecipients() {
    return 3;
  }

  @Override
  public int maxLineLength() {
    return 1000;
  }

  @Override
  public Optional<String> spoolDirectory() {
    return Optional.of(spool.toString());
  }
}
