package io.mailroom.filter.execution;

import io.mailroom.filter.script.Direction;
import io.mailroom.filter.script.ScriptService;
import io.mailroom.filter.testing.KafkaTopics;
import io.mailroom.filter.testing.TestState;
import io.mailroom.store.api.v1.MailEvent;
import io.mailroom.store.api.v1.MailboxPointer;
import io.mailroom.store.api.v1.MessageAppended;
import io.mailroom.store.api.v1.MessageDelivered;
import io.mailroom.store.testkit.InMemoryStore;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The store's side of the events topic, for tests: puts a message into the in-memory store and
 * sends the event the real store would (protobuf, keyed by account) to the test topic; reads the
 * audit and the dead-letter topic back. One producer for the application, closed with it.
 */
@Singleton
class EventFeed {
  /** How long a test waits for a store call, a script change or an audit entry. */
  static final Duration WAIT = Duration.ofSeconds(30);

  /** The consumer has joined its group, where it stays for the application's life, as we do. */
  private volatile boolean consumerJoined;

  private final TestState state;
  private final InMemoryStore store;
  private final ScriptService scripts;
  private final AuditLog audit;
  private KafkaProducer<byte[], byte[]> producer;

  EventFeed(TestState state, InMemoryStore store, ScriptService scripts, AuditLog audit) {
    this.state = state;
    this.store = store;
    this.scripts = scripts;
    this.audit = audit;
  }

  private synchronized KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      var properties = new Properties();
      properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTopics.bootstrap());
      properties.put(
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      properties.put(
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      producer = new KafkaProducer<>(properties);
    }
    return producer;
  }

  /**
   * A clean start for a test: the filter's tables and the in-memory store reset, the consumer in
   * its group, and a fresh account (events left over from other tests find no script and no mail).
   */
  String freshAccount(String prefix) {
    state.reset();
    awaitConsumer();
    var account = prefix + UUID.randomUUID().toString().substring(0, 8);
    store.account(account, "pw");
    return account;
  }

  /** Stores the script as "main" and makes it the account's active one for that direction. */
  void activate(String account, String script, Direction direction) {
    scripts.put(account, "main", script).await().atMost(WAIT);
    scripts.activate(account, "main", direction).await().atMost(WAIT);
  }

  /** The account's audit entries for the event. */
  List<AuditEntry> audited(String account, MailEvent event) {
    return audit.find(account, null, null, 100).await().atMost(WAIT).stream()
        .filter(entry -> entry.eventId().equals(event.getEventId()))
        .toList();
  }

  void awaitAudited(String account, MailEvent event) {
    TestState.await(
        "event " + event.getEventId() + " audited", WAIT, () -> !audited(account, event).isEmpty());
  }

  /** A message delivered into the account's INBOX, and its MessageDelivered event. */
  MailEvent delivered(String account, String subject) {
    var uid =
        store.deliver(
            account, "INBOX", "Subject: " + subject + "\r\nFrom: a@example.org\r\n\r\nbody\r\n");
    return MailEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setAccountId(account.hashCode())
        .setUsername(account)
        .setOccurredAtEpochMs(System.currentTimeMillis())
        .setMessageDelivered(
            MessageDelivered.newBuilder()
                .setMailbox(
                    MailboxPointer.newBuilder()
                        .setMailboxId(store.mailboxId(account, "INBOX"))
                        .setName("INBOX")
                        .setUidValidity((int) store.uidValidity(account, "INBOX")))
                .setUid((int) uid)
                .setMailFrom("a@example.org")
                .setRecipient(account + "@example.com"))
        .build();
  }

  /** A message a client APPENDed to the account's Sent, and its MessageAppended event. */
  MailEvent appendedToSent(String account, String message) {
    var uid = store.deliver(account, "Sent", message);
    return MailEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setAccountId(account.hashCode())
        .setUsername(account)
        .setMessageAppended(
            MessageAppended.newBuilder()
                .setMailbox(
                    MailboxPointer.newBuilder()
                        .setMailboxId(store.mailboxId(account, "Sent"))
                        .setName("Sent")
                        .setUidValidity((int) store.uidValidity(account, "Sent"))
                        .setSpecialUse("\\Sent"))
                .addUids((int) uid)
                .setSource("append"))
        .build();
  }

  /**
   * The first event waits for the consumer to join its group and get its partitions, which can take
   * far longer than a test waits for one event: send one and wait for its audit, once.
   */
  private void awaitConsumer() {
    if (consumerJoined) {
      return;
    }
    var account = "warm" + UUID.randomUUID().toString().substring(0, 8);
    store.account(account, "pw");
    activate(account, "keep;", Direction.INCOMING);
    var event = delivered(account, "warm-up");
    send(event);
    TestState.await(
        "the consumer to join its group",
        Duration.ofSeconds(120),
        () -> !audit.find(account, null, null, 10).await().atMost(WAIT).isEmpty());
    consumerJoined = true;
  }

  void send(MailEvent event) {
    var key = String.valueOf(event.getAccountId()).getBytes(StandardCharsets.UTF_8);
    try {
      producer().send(new ProducerRecord<>(KafkaTopics.EVENTS, key, event.toByteArray())).get();
    } catch (Exception e) {
      throw new AssertionError("cannot produce to Kafka", e);
    }
  }

  /**
   * The dead-letter reason of the event, once it is on the dead-letter topic; empty when it is not
   * there within {@code wait}, or (with a zero {@code wait}) not among the records already there.
   */
  static Optional<String> deadLetterReason(String eventId, Duration wait) {
    var properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTopics.bootstrap());
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (var consumer = new KafkaConsumer<byte[], byte[]>(properties)) {
      // Assigned, not subscribed: no group to join, so reading up to the end is quick and sure.
      var partitions =
          consumer.partitionsFor(KafkaTopics.DLQ).stream()
              .map(info -> new TopicPartition(KafkaTopics.DLQ, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      var deadline = System.nanoTime() + wait.toNanos();
      while (true) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          try {
            if (MailEvent.parseFrom(record.value()).getEventId().equals(eventId)) {
              var header = record.headers().lastHeader("dead-letter-reason");
              return Optional.of(
                  header == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
            }
          } catch (com.google.protobuf.InvalidProtocolBufferException ignored) {
            // Not one of ours.
          }
        }
        var readAll = partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
        if (readAll && System.nanoTime() > deadline) {
          return Optional.empty();
        }
      }
    }
  }

  @PreDestroy
  synchronized void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }
}
