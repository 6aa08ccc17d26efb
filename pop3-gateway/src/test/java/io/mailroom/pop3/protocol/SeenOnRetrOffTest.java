package io.mailroom.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With seen-on-retr=false a complete RETR leaves the message unread for IMAP clients. */
@QuarkusTest
@TestProfile(SeenOnRetrOffTest.SeenOnRetrOff.class)
class SeenOnRetrOffTest {
  public static class SeenOnRetrOff implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("mailroom.pop3.seen-on-retr", "false");
    }
  }

  @Inject InMemoryStore store;

  @Test
  void aCompleteRetrLeavesTheMessageUnseen() throws Exception {
    Fixtures.seed(store);
    try (var client = Pop3Client.loggedIn("alice", "secret")) {
      assertThat(client.command("RETR 1")).isEqualTo("+OK 52 octets");
      assertThat(new String(client.readMultiLineBody(), StandardCharsets.UTF_8))
          .isEqualTo(Fixtures.M1);
      // \Seen would be stored before the next command is read, so this is late enough to look
      assertThat(client.command("NOOP")).isEqualTo("+OK");
    }
    assertThat(store.inbox("alice").get(0).flags()).doesNotContain("\\Seen");
  }
}
