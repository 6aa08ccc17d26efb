package io.mailroom.store.lmtp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The LMTP listener (2424 locally, 24 in Kubernetes); env MAILROOM_LMTP_PORT overrides. */
@ConfigMapping(prefix = "mailroom.lmtp")
public interface LmtpConfig {
  @WithDefault("127.0.0.1")
  String host();

  @WithDefault("2424")
  int port();

  /** The name in the 220 greeting and the LHLO reply. */
  @WithDefault("mailroom")
  String serverName();

  /** RCPT commands beyond this get 452 4.5.3; the MTA sends the rest in a new transaction. */
  @WithDefault("100")
  int maxRecipients();

  /** The longest command line, without CRLF; RFC 5321 requires at least 512. */
  @WithDefault("4096")
  int maxLineLength();

  /** A client silent for this long gets 421 and is disconnected. */
  @WithDefault("PT5M")
  Duration idleTimeout();

  /** Protocol errors (500, 501, 503, 555) tolerated in one session before 421. */
  @WithDefault("10")
  int maxErrors();

  /** Where message bodies are spooled during DATA; the system temp directory if unset. */
  Optional<String> spoolDirectory();
}
