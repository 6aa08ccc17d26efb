package io.mailroom.pop3.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** What operators watch: open sessions, commands by name and outcome, latency, bytes sent. */
@ApplicationScoped
public class Pop3Metrics {
  private final MeterRegistry registry;
  private final AtomicInteger openSessions = new AtomicInteger();
  private final Counter bytesSent;

  Pop3Metrics(MeterRegistry registry) {
    this.registry = registry;
    registry.gauge("mailroom.pop3.sessions.open", openSessions);
    this.bytesSent =
        Counter.builder("mailroom.pop3.bytes.sent")
            .baseUnit("bytes")
            .description("Octets written to POP3 clients")
            .register(registry);
  }

  public void sessionOpened() {
    openSessions.incrementAndGet();
  }

  public void sessionClosed() {
    openSessions.decrementAndGet();
  }

  public int openSessions() {
    return openSessions.get();
  }

  public void bytesSent(long bytes) {
    bytesSent.increment(bytes);
  }

  /** {@code outcome} is "ok" or "err" (the reply's status). */
  public void command(String name, String outcome, Duration latency) {
    registry.counter("mailroom.pop3.commands", "command", name, "outcome", outcome).increment();
    Timer.builder("mailroom.pop3.command.duration")
        .tag("command", name)
        .publishPercentileHistogram()
        .register(registry)
        .record(latency);
  }

  public void loginFailed() {
    registry.counter("mailroom.pop3.login.failures").increment();
  }

  public void refusedConnection(String why) {
    registry.counter("mailroom.pop3.connections.refused", "reason", why).increment();
  }
}
