package io.mailroom.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failed logins are answered late, measured on the wire. The test profile's delay is 100 ms,
 * doubling per failure up to 800 ms. Each test connects from a loopback address of its own, so the
 * failures other tests leave on 127.0.0.1 do not count here.
 */
@QuarkusTest
class LoginPacingTest {
  private static final long BASE_DELAY_MS = 100;

  @Inject InMemoryStore store;

  @BeforeEach
  void seed() {
    Fixtures.seed(store);
  }

  private static String plain(String user, String password) {
    byte[] message = ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
    return Base64.getEncoder().encodeToString(message);
  }

  /** Sends the line and returns how long the reply took, after checking it. */
  private static long millisUntil(Pop3Client client, String line, String reply) throws IOException {
    long started = System.nanoTime();
    assertThat(client.command(line)).isEqualTo(reply);
    return (System.nanoTime() - started) / 1_000_000;
  }

  @Test
  void manyUsernamesFromOneAddressAreSlowedDownMoreAndMore() throws Exception {
    for (int i = 0; i < 4; i++) {
      // a new connection and a new name each time, as a password sprayer would do
      try (var client = Pop3Client.connectFrom("127.0.0.32")) {
        client.readLine();
        assertThat(client.command("USER sprayed-" + i)).startsWith("+OK");
        long millis = millisUntil(client, "PASS guess", "-ERR [AUTH] authentication failed");
        assertThat(millis).as("failure %d", i + 1).isGreaterThanOrEqualTo(BASE_DELAY_MS << i);
      }
    }
  }

  @Test
  void aFailedAuthPlainIsSlowedDownLikePass() throws Exception {
    try (var client = Pop3Client.connectFrom("127.0.0.33")) {
      client.readLine();
      String failed = "-ERR [AUTH] authentication failed";
      String guess = "AUTH PLAIN " + plain("alice", "guess");
      assertThat(millisUntil(client, guess, failed)).isGreaterThanOrEqualTo(BASE_DELAY_MS);
      assertThat(millisUntil(client, guess, failed)).isGreaterThanOrEqualTo(2 * BASE_DELAY_MS);
      // no lock-out: the right password still works
      assertThat(client.command("AUTH PLAIN " + plain("alice", "secret"))).startsWith("+OK");
    }
  }

  @Test
  void anEmptyInitialResponseFailsTheExchangeCleanly() throws Exception {
    try (var client = Pop3Client.connectFrom("127.0.0.34")) {
      client.readLine();
      // RFC 5034 section 4: "=" is an initial response of zero length, not a missing one (which
      // would get a "+ " continuation); an empty PLAIN message names no one, so it fails
      assertThat(client.command("AUTH PLAIN =")).isEqualTo("-ERR [AUTH] authentication failed");
      // back in AUTHORIZATION, in step with the client
      assertThat(client.command("STAT")).isEqualTo("-ERR not authenticated: log in first");
      client.login("alice", "secret");
      assertThat(client.command("STAT")).isEqualTo("+OK 3 170");
    }
  }
}
