package io.mailroom.store.client;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The store client's settings; the store's address is the gRPC client "store" (quarkus.grpc). */
@ConfigMapping(prefix = "mailroom.store-client")
public interface StoreClientConfig {
  /**
   * How long a call answered at once (all but APPEND and body streams) may take before it fails as
   * UNAVAILABLE: a hung store must not hang a session.
   */
  @WithDefault("15s")
  Duration callDeadline();

  /**
   * The retry budget of idempotent calls, per replica (see {@link RetryBudget}): retries stop while
   * fewer than half of these tokens are left.
   */
  @WithDefault("10")
  int retryTokens();
}
