package io.mailroom.imap.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failed logins are slowed down per account and per client address: 3 failures in the window are
 * answered at once, each further one later (200 ms, then doubling, in the test profile).
 *
 * <p>Each test connects from loopback addresses of its own (all of 127/8 reaches the gateway), so
 * failures other tests make from 127.0.0.1 do not count here.
 */
@QuarkusTest
class LoginThrottleTest {
  /** Below the test profile's 200 ms first delay: an answer not held back. */
  private static final long AT_ONCE = 190;

  @Inject InMemoryStore store;

  /** The first failed login of a JVM is slow (gRPC, JIT): not one a test measures. */
  @BeforeEach
  void warmUp() throws IOException {
    try (var client = from("127.0.9.1")) {
      failedLogin(client, "warm-up", "wrong");
    }
  }

  @Test
  void guessesAtOneAccountFromManyAddressesAreSlowedDown() throws IOException {
    var times = new ArrayList<Long>();
    for (int i = 0; i < 5; i++) {
      try (var client = from("127.0.1." + (10 + i))) {
        times.add(failedLogin(client, "mallory", "guess" + i));
      }
    }
    assertSlowedAfterThree(times);
  }

  @Test
  void guessesAtManyAccountsFromOneAddressAreSlowedDown() throws IOException {
    store.account("guest1", "right");
    store.account("guest2", "right");
    // Unknown names and wrong passwords alike, each name once, each on a connection of its own:
    // only the address ties them together.
    var names = List.of("nobody1", "guest1", "nobody2", "guest2", "nobody3");
    var times = new ArrayList<Long>();
    for (String name : names) {
      try (var client = from("127.0.2.10")) {
        times.add(failedLogin(client, name, "wrong"));
      }
    }
    assertSlowedAfterThree(times);
    try (var elsewhere = from("127.0.2.11")) {
      assertThat(failedLogin(elsewhere, "nobody4", "wrong"))
          .as("a failure from another address is answered at once")
          .isLessThan(AT_ONCE);
    }
  }

  /** The 1st to 3rd failure answered at once, the 4th after 200 ms, the 5th after 400 ms. */
  private static void assertSlowedAfterThree(List<Long> times) {
    assertThat(times.subList(0, 3)).as("failures 1-3 (ms)").allMatch(t -> t < AT_ONCE);
    assertThat(times.get(3)).as("4th failure (ms)").isGreaterThanOrEqualTo(190);
    assertThat(times.get(4)).as("5th failure (ms)").isGreaterThanOrEqualTo(390);
  }

  /** Milliseconds from sending a LOGIN to its NO [AUTHENTICATIONFAILED]. */
  private static long failedLogin(ImapClient client, String user, String password)
      throws IOException {
    long start = System.nanoTime();
    assertThat(client.command("l", "LOGIN " + user + " " + password))
        .isEqualTo("l NO [AUTHENTICATIONFAILED] Authentication failed\n");
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** A client connected from {@code address}, its greeting read. */
  private static ImapClient from(String address) throws IOException {
    var socket = new Socket();
    socket.bind(new InetSocketAddress(address, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", ImapClient.PORT));
    var client = new ImapClient(socket);
    assertThat(client.readLine()).startsWith("* OK");
    return client;
  }
}
