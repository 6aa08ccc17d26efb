package io.mailroom.store.client;

import java.time.Duration;

/**
 * Told how long each store call took, by operation ("select", "fetch", "store-flags", ...): a
 * service that wants store latency in its metrics provides one as a CDI bean.
 */
public interface CallListener {
  /** A call ended: answered, failed or cancelled. */
  void completed(String operation, Duration elapsed);
}
