package io.mailroom.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroom.pop3.metrics.Pop3Metrics;
import io.mailroom.pop3.server.Pop3Server;
import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What SIGTERM does: refuse newcomers, let each session finish the command in flight, close the
 * sessions without UPDATE, cut those still busy at the grace deadline. stop() is what the
 * ShutdownEvent calls. Its own profile, because the drained gateway accepts nothing afterwards.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestProfile(DrainTest.Draining.class)
class DrainTest {
  public static class Draining implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "mailroom.pop3.max-connections-per-ip",
          "2",
          // ample time for the test's client to read 16 MiB (under a second) on a busy machine
          "mailroom.pop3.grace-period",
          GRACE_MS + "ms");
    }
  }

  private static final long GRACE_MS = 4_000;
  private static final int CHUNK = 64 * 1024;

  /** Larger than what gRPC and the socket buffers hold, so a stalled RETR stays in flight. */
  private static final String BIG = Fixtures.bigMessage(16 << 20);

  private static final int BIG_CHUNKS = (BIG.length() + CHUNK - 1) / CHUNK;
  private static final String SHUTTING_DOWN =
      "-ERR [SYS/TEMP] server shutting down, try again shortly";

  @Inject InMemoryStore store;
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
  void drainingFinishesTheCommandInFlightRefusesNewcomersAndCutsStragglersAtTheDeadline()
      throws Exception {
    Fixtures.seed(store);
    store.deliver("alice", BIG);
    store.deliver("bob", BIG);
    store.deliver("carol", Fixtures.M1);
    store.chunkSize(CHUNK);
    Await.until("earlier sessions are gone", () -> metrics.openSessions() == 0);
    // an address each, to stay under this profile's per-address cap
    try (var finishing = Pop3Client.connectSlowReader("127.0.0.41");
        var stuck = Pop3Client.connectSlowReader("127.0.0.42");
        var idle = Pop3Client.connectFrom("127.0.0.43")) {
      idle.readLine();
      idle.login("carol", "pw with spaces");
      assertThat(idle.command("DELE 1")).startsWith("+OK");
      finishing.readLine();
      finishing.login("alice", "secret");
      assertThat(finishing.command("DELE 1")).startsWith("+OK");
      assertThat(finishing.command("RETR 4")).isEqualTo("+OK " + BIG.length() + " octets");
      assertThat(finishing.readLine()).isEqualTo("Subject: big");
      int pulled = stalled();
      assertThat(pulled).as("alice's RETR is in flight").isLessThan(BIG_CHUNKS);
      stuck.readLine();
      stuck.login("bob", "hunter2");
      assertThat(stuck.command("RETR 2")).isEqualTo("+OK " + BIG.length() + " octets");
      assertThat(stalled() - pulled).as("bob's RETR is in flight").isLessThan(BIG_CHUNKS);

      long started = System.nanoTime();
      var drained = CompletableFuture.runAsync(() -> server.stop(null));

      // a session between commands is closed at once, without UPDATE
      assertThat(idle.readLine()).isEqualTo(SHUTTING_DOWN);
      assertThat(idle.readLine()).isNull();
      // while the drain goes on, the listener turns newcomers away
      try (var late = Pop3Client.connectFrom("127.0.0.44")) {
        assertThat(late.readLine()).isEqualTo("-ERR [SYS/TEMP] server shutting down");
        assertThat(late.readLine()).isNull();
      }
      // the RETR in flight is sent to its end, then the session is closed
      finishing.readFaster();
      byte[] rest = finishing.readMultiLineBody();
      Fixtures.assertSameMessage(
          "Subject: big\r\n" + new String(rest, StandardCharsets.UTF_8), BIG);
      assertThat(finishing.readLine()).isEqualTo(SHUTTING_DOWN);
      assertThat(finishing.readLine()).isNull();
      assertThat(drained).as("bob's session holds the drain open").isNotDone();

      // bob never reads on: his session is cut at the deadline, mid-message and without a word
      drained.join();
      assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(GRACE_MS);
      byte[] cut = stuck.readToEnd();
      assertThat(cut.length).isLessThan(BIG.length());
      int tail = Math.min(cut.length, 200);
      assertThat(new String(cut, cut.length - tail, tail, StandardCharsets.UTF_8))
          .doesNotEndWith("\r\n.\r\n")
          .doesNotContain("-ERR");
    }
    for (String user : List.of("alice", "bob", "carol")) {
      Await.until(user + "'s lock is released", () -> !store.locked(user));
    }
    assertThat(store.inbox("alice")).hasSize(4);
    assertThat(store.inbox("bob")).hasSize(2);
    assertThat(store.inbox("carol")).hasSize(1);
    // after the drain the listener is gone
    assertThatThrownBy(Pop3Client::connect).isInstanceOf(IOException.class);
  }

  /** Chunks the store sent, once the slow readers have made its streams stall. */
  private int stalled() throws InterruptedException {
    return Await.settled("the store streams", store::chunksSent, Duration.ofMillis(500));
  }
}
