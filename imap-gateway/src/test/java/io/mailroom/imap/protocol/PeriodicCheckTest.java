package io.mailroom.imap.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without any hint (no event, no change through this replica), the periodic check finds news. */
@QuarkusTest
@TestProfile(PeriodicCheckTest.FastPolling.class)
class PeriodicCheckTest {
  public static class FastPolling implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "mailroom.imap.push.poll-interval", "1s", "mailroom.imap.push.idle-keep-alive", "1m");
    }
  }

  @Inject InMemoryStore store;

  @Test
  void idleHearsOfChangesThatNoEventAnnounced() throws Exception {
    Mailboxes.seed(store);
    try (var client = new ImapClient()) {
      client.readLine();
      client.command("l", "LOGIN alice secret");
      client.command("s", "SELECT INBOX");
      client.sendLine("i IDLE");
      assertThat(client.readLine()).isEqualTo("+ idling");
      // In this order the client sees the same lines whether one check or two find them.
      store.expunge("alice", "INBOX", List.of(2L));
      store.addFlag("alice", "INBOX", 3, "\\Answered");
      assertThat(client.readLine()).isEqualTo("* 2 EXPUNGE");
      assertThat(client.readLine()).isEqualTo("* 2 FETCH (FLAGS (\\Answered \\Recent))");
      client.sendLine("DONE");
      assertThat(client.readUntilTagged("i")).isEqualTo("i OK IDLE terminated\n");
    }
  }
}
