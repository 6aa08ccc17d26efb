package io.mailroom.store.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Session tokens and credentials. The keys come from the environment, never from the repo. */
@ConfigMapping(prefix = "mailroom.auth")
public interface AuthConfig {
  /** HMAC-SHA256 key of session tokens (MAILROOM_TOKEN_KEY). */
  String tokenKey();

  /** Credential of the filter service and admin tools (MAILROOM_SERVICE_TOKEN). */
  String serviceToken();

  /** Bearer token of the admin REST API (MAILROOM_ADMIN_TOKEN). */
  String adminToken();

  @WithDefault("PT12H")
  Duration tokenLifetime();

  /** bcrypt cost; tests lower it to keep account creation fast. */
  @WithDefault("10")
  int bcryptCost();

  /**
   * How many verified logins each replica remembers (0: none, every login pays bcrypt). A password
   * change or a removed account takes effect at once regardless: see VerifiedPasswords.
   */
  @WithDefault("50000")
  long cacheSize();

  /** How long a verified login is remembered, as Dovecot's auth_cache_ttl (default 1 hour). */
  @WithDefault("PT1H")
  Duration cacheTtl();
}
