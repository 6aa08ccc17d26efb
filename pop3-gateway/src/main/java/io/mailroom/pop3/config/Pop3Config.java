package io.mailroom.pop3.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The POP3 gateway's settings. Each can be overridden by env: mailroom.pop3.require-tls is
 * MAILROOM_POP3_REQUIRE_TLS, and so on. README.md lists them with their defaults.
 */
@ConfigMapping(prefix = "mailroom.pop3")
public interface Pop3Config {
  @WithDefault("127.0.0.1")
  String host();

  @WithDefault("1110")
  int port();

  /** Implicit TLS (POP3S); opened only when a certificate and key are configured. */
  @WithDefault("1995")
  int tlsPort();

  /** Refuse USER/PASS/AUTH on a connection that has not started TLS. */
  @WithDefault("false")
  boolean requireTls();

  Tls tls();

  /** Longest command line in octets, CRLF excluded; a longer line ends the session. */
  @WithDefault("1024")
  int maxLine();

  /** Consecutive -ERR replies after which the session is closed. */
  @WithDefault("10")
  int maxErrors();

  /** Commands received ahead of the one in flight before the socket stops being read. */
  @WithDefault("64")
  int maxPipelined();

  /** The maildrop lease asked of the store; renewed at a third of it while the session lives. */
  @WithDefault("60")
  int leaseSeconds();

  /** A complete RETR sets \Seen, so IMAP clients see the message as read. */
  @WithDefault("true")
  boolean seenOnRetr();

  /** RFC 1939 section 3 asks for an autologout timer of at least ten minutes. */
  @WithDefault("10m")
  Duration idleTimeout();

  @WithDefault("1000")
  int maxConnections();

  @WithDefault("20")
  int maxConnectionsPerIp();

  /** How long SIGTERM waits for sessions to finish their current command. */
  @WithDefault("20s")
  Duration gracePeriod();

  LoginFailures loginFailures();

  interface Tls {
    /** PEM certificate chain (MAILROOM_TLS_CERT). */
    Optional<String> cert();

    /** PEM private key (MAILROOM_TLS_KEY). */
    Optional<String> key();
  }

  interface LoginFailures {
    /** The delay before the first -ERR [AUTH]; it doubles with each further failure. */
    @WithDefault("1s")
    Duration delay();

    @WithDefault("30s")
    Duration maxDelay();

    /** Failures older than this are forgotten. */
    @WithDefault("15m")
    Duration window();
  }
}
