package io.mailroom.pop3.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The POP3 listener's settings; each can be overridden by env, e.g. MAILROOM_POP3_PORT. */
@ConfigMapping(prefix = "mailroom.pop3")
public interface Pop3Config {
  @WithDefault("127.0.0.1")
  String host();

  @WithDefault("1110")
  int port();

  @WithDefault("1995")
  int tlsPort();
}
