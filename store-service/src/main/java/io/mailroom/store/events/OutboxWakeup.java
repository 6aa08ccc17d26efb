package io.mailroom.store.events;

import io.mailroom.store.config.EventsConfig;
import io.mailroom.store.persistence.OutboxRows;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the relay as soon as a change commits, instead of at the next poll: {@link Outbox} sends a
 * NOTIFY in the change's transaction, which PostgreSQL delivers at commit to every store replica.
 * The scheduled poll stays as the catch-up for a missed notification.
 */
@ApplicationScoped
public class OutboxWakeup {
  private static final Logger LOG = Logger.getLogger(OutboxWakeup.class);

  private final OutboxRelay relay;
  private final boolean enabled;
  private final PgSubscriber subscriber;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();

  OutboxWakeup(
      OutboxRelay relay,
      EventsConfig config,
      Vertx vertx,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") String user,
      @ConfigProperty(name = "quarkus.datasource.password") String password) {
    this.relay = relay;
    this.enabled = config.wakeOnCommit();
    var options =
        PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
            .setUser(user)
            .setPassword(password);
    this.subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempt -> 1000L);
  }

  void start(@Observes StartupEvent start) {
    if (!enabled) {
      return;
    }
    subscriber.channel(OutboxRows.WAKEUP_CHANNEL).handler(payload -> wake());
    subscriber
        .connect()
        .subscribe()
        .with(
            ok -> LOG.debug("listening for outbox notifications"),
            e -> LOG.warnf("no outbox notifications (the 1 s poll still relays): %s", e));
  }

  void stop(@Observes ShutdownEvent stop) {
    subscriber.closeAndForget();
  }

  /** One relay round at a time; a wake-up during a round runs one more round after it. */
  private void wake() {
    again.set(true);
    if (!running.compareAndSet(false, true)) {
      return;
    }
    Infrastructure.getDefaultWorkerPool()
        .execute(
            () -> {
              try {
                while (again.getAndSet(false)) {
                  relay.relayAll();
                }
              } finally {
                running.set(false);
                if (again.get()) {
                  wake();
                }
              }
            });
  }
}
