package io.mailroom.store.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on what a client can make the store hold. */
@ConfigMapping(prefix = "mailroom.limits")
public interface StoreLimits {
  /** Largest message in octets (APPENDLIMIT, LMTP SIZE, admin 413). 50 MiB. */
  @WithDefault("52428800")
  long maxMessageSize();

  /** Octets of body text kept for BODY/TEXT search per message. */
  @WithDefault("262144")
  int maxSearchableText();

  /** Octets of the header block kept for HEADER search. */
  @WithDefault("65536")
  int maxHeaderText();
}
