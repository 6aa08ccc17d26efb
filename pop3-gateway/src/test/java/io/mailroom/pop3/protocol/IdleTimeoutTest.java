package io.mailroom.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 1939 autologout: an idle session is closed without entering UPDATE. */
@QuarkusTest
@TestProfile(IdleTimeoutTest.ShortIdle.class)
class IdleTimeoutTest {
  public static class ShortIdle implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("mailroom.pop3.idle-timeout", "2s");
    }
  }

  @Inject InMemoryStore store;

  @Test
  void anIdleSessionIsClosedAndDeletesNothing() throws Exception {
    Fixtures.seed(store);
    try (var client = Pop3Client.connect()) {
      client.readLine();
      client.login("alice", "secret");
      assertThat(client.command("DELE 1")).startsWith("+OK");
      long started = System.nanoTime();
      // the read blocks until the server gives up on the silent client
      assertThat(client.readLine()).isNull();
      assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(1_500);
    }
    Await.until("the lock is released", () -> !store.locked("alice"));
    assertThat(store.inbox("alice")).hasSize(3);
  }
}
