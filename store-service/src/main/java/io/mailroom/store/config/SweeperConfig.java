package io.mailroom.store.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The orphan-blob sweeper. */
@ConfigMapping(prefix = "mailroom.sweeper")
public interface SweeperConfig {
  /**
   * A blob younger than this is never removed: its row may still be on its way (blob first, row
   * second).
   */
  @WithDefault("PT1H")
  Duration grace();

  /** How often the sweeper runs (a scheduler expression, e.g. "1h"). */
  @WithDefault("1h")
  String every();

  /** Delay of the first sweep after start. */
  @WithDefault("10m")
  String delay();
}
