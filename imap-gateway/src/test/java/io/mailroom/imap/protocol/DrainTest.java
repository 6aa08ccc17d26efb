package io.mailroom.imap.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroom.imap.server.ImapServer;
import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Draining as on SIGTERM: every session gets a BYE, and no new connection is taken. */
@QuarkusTest
@TestProfile(DrainTest.OwnInstance.class)
class DrainTest {
  /** Its own application instance, since draining ends the listeners. */
  public static class OwnInstance implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("mailroom.imap.shutdown-grace", "3s");
    }
  }

  @Inject InMemoryStore store;
  @Inject ImapServer server;

  @Test
  void everySessionIsToldAndClosed() throws Exception {
    Mailboxes.seed(store);
    try (var quiet = new ImapClient();
        var idling = new ImapClient()) {
      quiet.readLine();
      idling.readLine();
      idling.command("l", "LOGIN alice secret");
      idling.command("s", "SELECT INBOX");
      idling.sendLine("i IDLE");
      assertThat(idling.readLine()).isEqualTo("+ idling");

      long start = System.nanoTime();
      server.drain();
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);

      assertThat(quiet.readLine()).isEqualTo("* BYE Server shutting down, please reconnect");
      assertThat(quiet.isClosedByServer()).isTrue();
      assertThat(idling.readLine()).isEqualTo("* BYE Server shutting down, please reconnect");
      assertThat(idling.isClosedByServer()).isTrue();
      assertThat(server.connectionCount()).isZero();
    }
    assertThatThrownBy(ImapClient::new).isInstanceOf(IOException.class);
  }
}
