package io.mailroom.filter.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the test topics on the real broker (MAILROOM_KAFKA) before the application starts, so the
 * consumer is assigned their partitions at once. Three partitions, like a real deployment.
 */
public class KafkaTopics implements QuarkusTestResourceLifecycleManager {
  public static final String EVENTS = "mailroom.mail-events.filter-test";
  public static final String DLQ = "mailroom.mail-events.filter-test.dlq";

  public static String bootstrap() {
    var value = System.getenv("MAILROOM_KAFKA");
    return value == null || value.isEmpty() ? "127.0.0.1:9092" : value;
  }

  @Override
  public Map<String, String> start() {
    var properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    try (var admin = AdminClient.create(properties)) {
      for (var topic :
          List.of(new NewTopic(EVENTS, 3, (short) 1), new NewTopic(DLQ, 1, (short) 1))) {
        try {
          admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create " + topic.name(), e);
          }
        }
      }
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Kafka at " + bootstrap() + " did not answer", e);
    }
    return Map.of();
  }

  @Override
  public void stop() {}
}
