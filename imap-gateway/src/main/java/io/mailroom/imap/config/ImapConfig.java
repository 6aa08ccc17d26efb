package io.mailroom.imap.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The IMAP listener's settings; each can be overridden by env, e.g. MAILROOM_IMAP_PORT. */
@ConfigMapping(prefix = "mailroom.imap")
public interface ImapConfig {
  @WithDefault("127.0.0.1")
  String host();

  @WithDefault("1143")
  int port();

  @WithDefault("1993")
  int tlsPort();
}
