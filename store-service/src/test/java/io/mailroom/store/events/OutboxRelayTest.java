package io.mailroom.store.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.StoreClient;
import io.mailroom.store.api.v1.MailEvent;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxRelayTest {
  @ConfigProperty(name = "mailroom.events.topic")
  String topic;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Test
  void deliveredAppendedAndMailboxEventsReachKafkaKeyedByAccount() {
    StoreClient user = StoreClient.create("events");
    given()
        .header("Authorization", StoreClient.ADMIN)
        .contentType("message/rfc822")
        .body(StoreClient.message("event", "x").getBytes(StandardCharsets.UTF_8))
        .post("/admin/v1/accounts/" + user.username + "/messages")
        .then()
        .statusCode(201);
    user.append("Sent", StoreClient.message("sent one", "y"));
    user.mailboxes()
        .create(
            io.mailroom.store.api.v1.CreateMailboxRequest.newBuilder().setName("Events").build());

    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "store-test-" + System.nanoTime());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<MailEvent> mine = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.currentTimeMillis() + 60_000;
      while (System.currentTimeMillis() < deadline
          && !(mine.stream().anyMatch(MailEvent::hasMessageAppended)
              && mine.stream().anyMatch(MailEvent::hasMessageDelivered)
              && mine.stream().anyMatch(OutboxRelayTest::createsEvents))) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          try {
            MailEvent event = MailEvent.parseFrom(record.value());
            if (event.getUsername().equals(user.username)) {
              mine.add(event);
              keys.add(record.key());
            }
          } catch (com.google.protobuf.InvalidProtocolBufferException ignored) {
            // not ours
          }
        }
      }
    }
    assertThat(mine).anyMatch(OutboxRelayTest::createsEvents);
    // The account's default mailboxes are announced like any other (IMAP NOTIFY, caches).
    assertThat(
            mine.stream()
                .filter(MailEvent::hasMailboxCreated)
                .map(e -> e.getMailboxCreated().getMailbox())
                .filter(m -> !m.getName().equals("Events"))
                .map(m -> m.getName() + " " + m.getSpecialUse()))
        .containsExactlyInAnyOrder(
            "INBOX ",
            "Sent \\Sent",
            "Drafts \\Drafts",
            "Trash \\Trash",
            "Junk \\Junk",
            "Archive \\Archive");
    assertThat(mine)
        .anyMatch(e -> e.hasMessageDelivered() && e.getMessageDelivered().getUid() == 1);
    assertThat(mine)
        .anyMatch(
            e ->
                e.hasMessageAppended()
                    && e.getMessageAppended().getMailbox().getSpecialUse().equals("\\Sent"));
    assertThat(keys).containsOnly(String.valueOf(mine.get(0).getAccountId()));
    assertThat(mine).extracting(MailEvent::getEventId).doesNotHaveDuplicates();
  }

  private static boolean createsEvents(MailEvent e) {
    return e.hasMailboxCreated() && e.getMailboxCreated().getMailbox().getName().equals("Events");
  }
}
