package io.mailroom.store.events;

import io.mailroom.persistence.Transactions;
import io.mailroom.store.config.EventsConfig;
import io.mailroom.store.persistence.OutboxRows;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Publishes unsent outbox rows to Kafka in id order and marks them sent only after the broker
 * acknowledged them. With Kafka down the rows wait; nothing is lost, at worst an event is sent
 * twice (consumers key on event_id). A transaction-scoped advisory lock keeps one relay at a time
 * across store replicas, which also keeps each account's events in order.
 */
@ApplicationScoped
public class OutboxRelay {
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  private final Transactions tx;
  private final OutboxRows outbox;
  private final EventsConfig config;
  private final String bootstrap;
  private volatile KafkaProducer<String, byte[]> producer;
  private volatile String lastFailure;

  OutboxRelay(
      Transactions tx,
      OutboxRows outbox,
      EventsConfig config,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
    this.tx = tx;
    this.outbox = outbox;
    this.config = config;
    this.bootstrap = bootstrap;
  }

  @Scheduled(
      every = "${mailroom.events.relay-every:1s}",
      delayed = "${mailroom.events.relay-delay:2s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    relayAll();
  }

  /** Publishes every unsent row, batch by batch; failures are logged and retried later. */
  void relayAll() {
    try {
      while (relayOnce() == config.batchSize()) {
        // a full batch: more are waiting
      }
      lastFailure = null;
    } catch (RuntimeException e) {
      warnOnce("outbox relay round failed, retrying: " + e);
    }
  }

  /**
   * One batch; returns how many rows were published. Blocking (Kafka acks): the caller is a worker
   * thread; the batch holds one transaction, and the sends wait on a worker, off the event loop,
   * before the rows are marked sent in the same transaction.
   */
  public int relayOnce() {
    return tx.write(
            session ->
                outbox
                    .tryRelayLock(session)
                    .chain(locked -> locked ? relayLocked(session) : Uni.createFrom().item(0)))
        .await()
        .atMost(config.sendTimeout().multipliedBy(2).plusSeconds(10));
  }

  private Uni<Integer> relayLocked(Mutiny.Session session) {
    Context sessionContext = Vertx.currentContext();
    return outbox
        .unsent(session, config.batchSize())
        .emitOn(Infrastructure.getDefaultWorkerPool())
        .map(this::publish)
        // The session may only be used on its own context.
        .emitOn(task -> sessionContext.runOnContext(ignored -> task.run()))
        .chain(
            sent ->
                sent.isEmpty()
                    ? Uni.createFrom().item(0)
                    : outbox.markSent(session, sent).replaceWith(sent.size()));
  }

  /** Kafka being down is logged once, not every second. */
  private void warnOnce(String message) {
    if (!message.equals(lastFailure)) {
      LOG.warn(message);
      lastFailure = message;
    }
  }

  /** Sends in order and returns the ids the broker acknowledged, stopping at the first failure. */
  private List<Long> publish(List<PendingEvent> rows) {
    List<Long> ids = new ArrayList<>();
    List<Future<?>> acks = new ArrayList<>();
    try {
      KafkaProducer<String, byte[]> kafka = producer();
      for (PendingEvent row : rows) {
        Future<?> ack =
            kafka.send(
                new ProducerRecord<>(config.topic(), String.valueOf(row.accountId()), row.event()));
        if (ack.isDone() && failed(ack)) {
          // no broker metadata: every further send would block as long again
          break;
        }
        ids.add(row.id());
        acks.add(ack);
      }
    } catch (RuntimeException e) {
      warnOnce("kafka send failed: " + e + (e.getCause() == null ? "" : " / " + e.getCause()));
    }
    List<Long> acked = new ArrayList<>();
    long deadline = System.nanoTime() + config.sendTimeout().toNanos() + 2_000_000_000L;
    for (int i = 0; i < acks.size(); i++) {
      try {
        acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        acked.add(ids.get(i));
      } catch (Exception e) {
        warnOnce("kafka did not acknowledge: " + e);
        break;
      }
    }
    return acked;
  }

  private boolean failed(Future<?> ack) {
    try {
      ack.get();
      return false;
    } catch (Exception e) {
      warnOnce("kafka send failed: " + e);
      return true;
    }
  }

  private KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      synchronized (this) {
        if (producer == null) {
          Properties p = new Properties();
          p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
          p.put(ProducerConfig.ACKS_CONFIG, "all");
          p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
          p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.sendTimeout().toMillis());
          p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.sendTimeout().toMillis());
          // Kafka requires delivery.timeout >= linger + request.timeout.
          p.put(
              ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
              (int) config.sendTimeout().toMillis() + 1000);
          p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
          p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
          p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
          producer = new KafkaProducer<>(p);
        }
      }
    }
    return producer;
  }

  void close(@Observes ShutdownEvent stop) {
    if (producer != null) {
      producer.close(java.time.Duration.ofSeconds(2));
    }
  }
}
