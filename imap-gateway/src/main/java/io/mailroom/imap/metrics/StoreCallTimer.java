package io.mailroom.imap.metrics;

import io.mailroom.store.client.CallListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** store-client's call latencies as {@code mailroom_imap_store_call_seconds{operation}}. */
@ApplicationScoped
public class StoreCallTimer implements CallListener {
  private final MeterRegistry registry;

  StoreCallTimer(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void completed(String operation, Duration elapsed) {
    Timer.builder("mailroom.imap.store.call")
        .description("Latency of calls to the store")
        .tag("operation", operation)
        .publishPercentileHistogram()
        .register(registry)
        .record(elapsed);
  }
}
