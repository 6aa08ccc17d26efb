package io.mailroom.imap.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The IMAP gateway's settings; each can be overridden by env, e.g. MAILROOM_IMAP_PORT. */
@ConfigMapping(prefix = "mailroom.imap")
public interface ImapConfig {
  @WithDefault("127.0.0.1")
  String host();

  @WithDefault("1143")
  int port();

  @WithDefault("1993")
  int tlsPort();

  Tls tls();

  Limits limits();

  Push push();

  /** How long draining on shutdown may take before the remaining sessions are cut. */
  @WithDefault("10s")
  Duration shutdownGrace();

  interface Tls {
    /** PEM certificate chain; without it there is no IMAPS port and no STARTTLS. */
    Optional<String> cert();

    /** PEM private key. */
    Optional<String> key();

    /** Refuse LOGIN/AUTHENTICATE before TLS (and advertise LOGINDISABLED). */
    @WithDefault("false")
    boolean required();
  }

  interface Limits {
    /** Octets in one command line (without literals). */
    @WithDefault("65536")
    int maxLineLength();

    /** Largest literal held in memory (anything but an APPEND message). */
    @WithDefault("65536")
    int maxInlineLiteral();

    /** APPENDLIMIT: the largest message APPEND accepts. */
    @WithDefault("52428800")
    long appendLimit();

    /** Consecutive BAD commands after which the session is ended. */
    @WithDefault("20")
    int maxBadCommands();

    /** Open connections from one IP address. */
    @WithDefault("50")
    int maxConnectionsPerIp();

    /** Logged-in sessions of one account on this gateway. */
    @WithDefault("30")
    int maxSessionsPerAccount();

    /** Failed logins within {@link #loginFailureWindow()} before further attempts are slowed. */
    @WithDefault("3")
    int loginFailuresBeforeDelay();

    @WithDefault("15m")
    Duration loginFailureWindow();

    /** Delay of the first slowed-down failure; doubles per further failure. */
    @WithDefault("1s")
    Duration loginFailureDelay();

    @WithDefault("15s")
    Duration maxLoginFailureDelay();

    /** A session that sends nothing for this long (outside IDLE) is logged out. */
    @WithDefault("30m")
    Duration idleTimeout();
  }

  interface Push {
    /** Interval of the check that catches changes whose event was missed. */
    @WithDefault("30s")
    Duration pollInterval();

    /** Interval of "* OK Still here" during IDLE. */
    @WithDefault("2m")
    Duration idleKeepAlive();
  }
}
