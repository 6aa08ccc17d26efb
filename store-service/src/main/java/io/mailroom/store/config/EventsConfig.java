package io.mailroom.store.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the outbox relay publishes. */
@ConfigMapping(prefix = "mailroom.events")
public interface EventsConfig {
  @WithDefault("mailroom.mail-events")
  String topic();

  @WithDefault("500")
  int batchSize();

  /** How long the relay waits for the broker before leaving rows for the next round. */
  @WithDefault("PT10S")
  Duration sendTimeout();

  /** How often the relay looks for unsent rows (a scheduler expression, e.g. "1s"). */
  @WithDefault("1s")
  String relayEvery();

  /** Relay as soon as a change commits (PostgreSQL NOTIFY), not only at the next poll. */
  @WithDefault("true")
  boolean wakeOnCommit();

  /** Delay of the first relay round after start. */
  @WithDefault("2s")
  String relayDelay();
}
