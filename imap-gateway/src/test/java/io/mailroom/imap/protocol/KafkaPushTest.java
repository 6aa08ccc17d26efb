package io.mailroom.imap.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.api.v1.MailEvent;
import io.mailroom.store.api.v1.MailboxPointer;
import io.mailroom.store.api.v1.MessageDelivered;
import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A change made behind the gateway's back (as by another replica) reaches an IDLE client through a
 * MailEvent on Kafka. The periodic check is 10 minutes in tests, so only the event explains it.
 */
@QuarkusTest
class KafkaPushTest {
  @Inject InMemoryStore store;

  static final String BROKER = System.getenv().getOrDefault("MAILROOM_KAFKA", "127.0.0.1:9092");

  @Test
  void idleHearsOfMailDeliveredElsewhere() throws Exception {
    Assumptions.assumeTrue(brokerUp(), "no Kafka broker at " + BROKER);
    Mailboxes.seed(store);
    var props = new Properties();
    props.put("bootstrap.servers", BROKER);
    props.put("key.serializer", StringSerializer.class.getName());
    props.put("value.serializer", ByteArraySerializer.class.getName());
    try (var client = new ImapClient();
        var producer = new KafkaProducer<String, byte[]>(props)) {
      client.readLine();
      client.command("l", "LOGIN alice secret");
      client.command("s", "SELECT INBOX");
      client.sendLine("i IDLE");
      assertThat(client.readLine()).isEqualTo("+ idling");
      store.deliver("alice", "INBOX", Mailboxes.MEETING);
      long inbox = store.mailboxId("alice", "INBOX");
      // The consumer starts at the latest offset and may still be joining its group: an event
      // is only a hint, so sending it again until it is seen is harmless.
      String seen = null;
      long deadline = System.currentTimeMillis() + 30_000;
      while (seen == null && System.currentTimeMillis() < deadline) {
        var event =
            MailEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setAccountId(1)
                .setUsername("alice")
                .setMessageDelivered(
                    MessageDelivered.newBuilder()
                        .setMailbox(
                            MailboxPointer.newBuilder().setMailboxId(inbox).setName("INBOX"))
                        .setUid(4))
                .build();
        producer.send(new ProducerRecord<>("mailroom.mail-events", "1", event.toByteArray())).get();
        seen = readExists(client, 1000);
      }
      assertThat(seen).isEqualTo("* 4 EXISTS");
      client.sendLine("DONE");
      assertThat(client.readUntilTagged("i")).endsWith("i OK IDLE terminated\n");
    }
  }

  private static String readExists(ImapClient client, int millis) throws Exception {
    long until = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < until) {
      try {
        String line = client.readLine();
        if (line != null && line.endsWith("EXISTS")) {
          return line;
        }
      } catch (SocketTimeoutException e) {
        return null;
      }
    }
    return null;
  }

  private static boolean brokerUp() {
    String[] hostPort = BROKER.split(":");
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 1000);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
