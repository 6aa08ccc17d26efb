package io.mailroom.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroom.pop3.fake.FakeMailData;
import io.mailroom.pop3.metrics.Pop3Metrics;
import io.mailroom.pop3.server.Pop3Server;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What SIGTERM does: stop accepting, close the sessions without UPDATE. Its own profile, because
 * the drained gateway accepts nothing afterwards.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestProfile(DrainTest.Draining.class)
class DrainTest {
  public static class Draining implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("mailroom.pop3.max-connections-per-ip", "2");
    }
  }

  @Inject FakeMailData data;
  @Inject Pop3Server server;
  @Inject Pop3Metrics metrics;

  @Test
  @Order(1)
  void connectionsOverThePerAddressCapAreRefused() throws Exception {
    try (var first = Pop3Client.connect();
        var second = Pop3Client.connect();
        var third = Pop3Client.connect()) {
      assertThat(first.readLine()).startsWith("+OK");
      assertThat(second.readLine()).startsWith("+OK");
      assertThat(third.readLine())
          .isEqualTo("-ERR [SYS/TEMP] too many connections from your address");
      assertThat(third.readLine()).isNull();
      assertThat(first.command("QUIT")).startsWith("+OK");
    }
    Await.until(
        "a slot is free again",
        () -> {
          try (var again = Pop3Client.connect()) {
            return again.readLine().startsWith("+OK");
          } catch (IOException e) {
            return false;
          }
        });
  }

  @Test
  @Order(2)
  void drainingClosesSessionsWithoutDeletingAnything() throws Exception {
    Fixtures.seed(data);
    Await.until("earlier sessions are gone", () -> metrics.openSessions() == 0);
    try (var reader = Pop3Client.connect();
        var idle = Pop3Client.connect()) {
      reader.readLine();
      idle.readLine();
      reader.login("alice", "secret");
      assertThat(reader.command("DELE 1")).startsWith("+OK");
      assertThat(reader.command("DELE 2")).startsWith("+OK");

      var drained = CompletableFuture.runAsync(() -> server.stop(null));

      String shuttingDown = "-ERR [SYS/TEMP] server shutting down, try again shortly";
      assertThat(reader.readLine()).isEqualTo(shuttingDown);
      assertThat(reader.readLine()).isNull();
      assertThat(idle.readLine()).isEqualTo(shuttingDown);
      assertThat(idle.readLine()).isNull();
      drained.join();
    }
    Await.until("the lock is released", () -> !data.locked("alice"));
    assertThat(data.inbox("alice")).hasSize(3);
    // after the drain the listener is gone
    assertThatThrownBy(Pop3Client::connect).isInstanceOf(IOException.class);
  }
}
