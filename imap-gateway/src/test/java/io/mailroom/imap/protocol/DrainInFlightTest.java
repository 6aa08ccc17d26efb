package io.mailroom.imap.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.imap.config.ImapConfig;
import io.mailroom.imap.server.ImapServer;
import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Draining with commands in flight: a running command finishes before its BYE, a newcomer is turned
 * away, and a session that never finishes is cut at the grace deadline.
 */
@QuarkusTest
@TestProfile(DrainInFlightTest.OwnInstance.class)
class DrainInFlightTest {
  /** DrainTest's settings on an application instance of its own: its drain ends the listeners. */
  public static class OwnInstance extends DrainTest.OwnInstance {}

  @Inject InMemoryStore store;
  @Inject ImapServer server;
  @Inject ImapConfig config;

  @Test
  void runningCommandsFinishFirstAndStragglersAreCutAtTheGrace() throws Exception {
    Mailboxes.seed(store);
    var held = new CompletableFuture<Void>();
    long grace = config.shutdownGrace().toMillis();
    try (var fetching = new ImapClient();
        var stalled = new ImapClient();
        var quiet = new ImapClient()) {
      fetching.readLine();
      stalled.readLine();
      quiet.readLine();
      fetching.command("l", "LOGIN alice secret");
      fetching.command("s", "SELECT INBOX");

      // A FETCH held in the store, and an AUTHENTICATE whose client never answers "+".
      store.holdFetches(held);
      long fetchesBefore = store.fetchCalls();
      fetching.sendLine("f FETCH 1 (BODY.PEEK[])");
      Await.until("the FETCH reaches the store", () -> store.fetchCalls() > fetchesBefore);
      stalled.sendLine("a AUTHENTICATE PLAIN");
      assertThat(stalled.readLine()).isEqualTo("+ ");

      long start = System.nanoTime();
      var drained = CompletableFuture.runAsync(server::drain);
      // The quiet session's BYE shows the drain has begun, and so stopped accepting.
      assertThat(quiet.readLine()).isEqualTo("* BYE Server shutting down, please reconnect");
      assertThat(quiet.isClosedByServer()).isTrue();
      try (var newcomer = new ImapClient()) {
        assertThat(newcomer.readLine()).isEqualTo("* BYE Server shutting down");
        assertThat(newcomer.isClosedByServer()).isTrue();
      }

      held.complete(null);
      String reply = fetching.readUntilTagged("f");
      assertThat(reply)
          .startsWith("* 1 FETCH (BODY[] {")
          .contains("Subject: Hello")
          .doesNotContain("BYE")
          .endsWith("f OK FETCH completed\n");
      assertThat(fetching.readLine()).isEqualTo("* BYE Server shutting down, please reconnect");
      assertThat(fetching.isClosedByServer()).isTrue();

      // The stalled session is busy to the end: it is closed when the grace runs out.
      assertThat(stalled.readLine()).isNull();
      drained.get(grace + 5000, TimeUnit.MILLISECONDS);
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      assertThat(elapsed).isBetween(grace, grace + 2000);
      assertThat(server.connectionCount()).isZero();
    } finally {
      held.complete(null);
      store.holdFetches(null);
    }
  }
}
