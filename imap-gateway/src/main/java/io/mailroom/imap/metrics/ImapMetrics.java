package io.mailroom.imap.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The gateway's meters, served at /q/metrics. */
@ApplicationScoped
public class ImapMetrics {
  public static final List<String> STATES =
      List.of("not-authenticated", "authenticated", "selected", "logout");

  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger idle = new AtomicInteger();
  private final Counter bytesSent;

  ImapMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (String state : STATES) {
      var count = new AtomicInteger();
      sessions.put(state, count);
      Gauge.builder("mailroom.imap.sessions", count, AtomicInteger::get)
          .description("Open IMAP sessions by state")
          .tag("state", state)
          .register(registry);
    }
    Gauge.builder("mailroom.imap.sessions.idle", idle, AtomicInteger::get)
        .description("Sessions in IDLE")
        .register(registry);
    bytesSent =
        Counter.builder("mailroom.imap.bytes.sent")
            .description("Octets sent to IMAP clients")
            .register(registry);
  }

  public void stateChanged(String from, String to) {
    if (from != null) {
      sessions.get(from).decrementAndGet();
    }
    if (to != null) {
      sessions.get(to).incrementAndGet();
    }
  }

  public void idling(boolean on) {
    if (on) {
      idle.incrementAndGet();
    } else {
      idle.decrementAndGet();
    }
  }

  public void bytesSent(long n) {
    bytesSent.increment(n);
  }

  public void command(String name, String outcome, long nanos) {
    registry.counter("mailroom.imap.commands", "command", name, "outcome", outcome).increment();
    Timer.builder("mailroom.imap.command.latency")
        .description("Time from a complete command to its tagged response")
        .tag("command", name)
        .publishPercentileHistogram()
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }
}
