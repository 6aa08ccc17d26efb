package io.mailroom.store.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.persistence.Transactions;
import io.mailroom.store.StoreClient;
import io.mailroom.store.config.EventsConfig;
import io.mailroom.store.delivery.DeliveryRequest;
import io.mailroom.store.delivery.MailDelivery;
import io.mailroom.store.persistence.OutboxRows;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Kafka unreachable while 100 messages are delivered: every delivery succeeds, no event is marked
 * sent, and once a relay reaches the broker all 100 go out. (The shared broker may not be stopped
 * in tests, so "down" is this instance pointing at a closed port, with its scheduled relay off.)
 */
@QuarkusTest
@TestProfile(KafkaDownTest.BrokerUnreachable.class)
class KafkaDownTest {
  private static final String KAFKA =
      System.getenv().getOrDefault("MAILROOM_KAFKA", "127.0.0.1:9092");

  /** The store's broker is a closed port; neither the scheduled nor the woken relay runs. */
  public static class BrokerUnreachable implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "kafka.bootstrap.servers", "127.0.0.1:1",
          "mailroom.events.relay-every", "off",
          "mailroom.events.wake-on-commit", "false",
          "mailroom.events.send-timeout", "PT2S");
    }
  }

  @Inject MailDelivery delivery;
  @Inject OutboxRelay deadRelay;
  @Inject EventsConfig config;
  @Inject Pool pool;
  @Inject Transactions tx;
  @Inject OutboxRows outbox;

  @Test
  void eventsOfDeliveriesWhileKafkaIsDownGoOutLaterNoneLost() throws Exception {
    StoreClient user = StoreClient.create("kafka-down");
    Path body = Files.createTempFile("down", ".eml");
    try {
      Files.writeString(body, StoreClient.message("while down", "x"));
      for (int i = 0; i < 100; i++) {
        var outcome =
            delivery
                .deliver(new DeliveryRequest("s@example.org", user.username, new byte[0], body))
                .await()
                .atMost(Duration.ofSeconds(30));
        assertThat(outcome.delivered()).isTrue();
      }
    } finally {
      Files.deleteIfExists(body);
    }
    assertThat(deadRelay.relayOnce()).isZero();
    // 100 MessageDelivered, and the MailboxCreated of the account's six default mailboxes.
    assertThat(unsent(user)).isEqualTo(100 + 6);

    OutboxRelay backUp = new OutboxRelay(tx, outbox, config, KAFKA);
    while (backUp.relayOnce() > 0) {
      // until the outbox is drained
    }
    assertThat(unsent(user)).isZero();

    Set<Integer> uids = new HashSet<>();
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "store-down-test-" + System.nanoTime());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(config.topic()));
      long deadline = System.currentTimeMillis() + 60_000;
      while (uids.size() < 100 && System.currentTimeMillis() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          var event = io.mailroom.store.api.v1.MailEvent.parseFrom(record.value());
          if (event.getUsername().equals(user.username) && event.hasMessageDelivered()) {
            uids.add(event.getMessageDelivered().getUid());
          }
        }
      }
    }
    assertThat(uids).hasSize(100);
  }

  private long unsent(StoreClient user) {
    return pool.preparedQuery(
            "select count(*) from outbox o join account a on a.id = o.account_id"
                + " where a.username = $1 and o.sent_at is null")
        .execute(Tuple.of(user.username))
        .await()
        .indefinitely()
        .iterator()
        .next()
        .getLong(0);
  }
}
