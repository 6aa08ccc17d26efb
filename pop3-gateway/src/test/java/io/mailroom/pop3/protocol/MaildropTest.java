package io.mailroom.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The maildrop's semantics, checked on the wire and in the (in-memory) store behind it. */
@QuarkusTest
class MaildropTest {
  @Inject InMemoryStore store;

  @BeforeEach
  void seed() {
    Fixtures.seed(store);
  }

  private static List<String> multiLine(Pop3Client client) throws IOException {
    var lines = new ArrayList<String>();
    String line;
    while (!(line = client.readLine()).equals(".")) {
      lines.add(line);
    }
    return lines;
  }

  private static Pop3Client loggedIn(String user, String password) throws IOException {
    var client = Pop3Client.connect();
    assertThat(client.readLine()).startsWith("+OK");
    client.login(user, password);
    return client;
  }

  @Test
  void listOctetsEqualTheBytesRetrSendsBeforeStuffing() throws Exception {
    String big = Fixtures.bigMessage(1_000_000);
    store.deliver("alice", big);
    store.chunkSize(8192);
    try (var client = loggedIn("alice", "secret")) {
      client.send("LIST");
      assertThat(client.readLine())
          .isEqualTo("+OK 4 messages (" + (170 + big.length()) + " octets)");
      List<String> listing = multiLine(client);
      assertThat(listing).hasSize(4);
      List<String> stored = List.of(Fixtures.M1, Fixtures.M2, Fixtures.M3, big);
      for (String entry : listing) {
        String[] fields = entry.split(" ");
        int n = Integer.parseInt(fields[0]);
        long octets = Long.parseLong(fields[1]);
        assertThat(client.command("RETR " + n)).isEqualTo("+OK " + octets + " octets");
        byte[] body = client.readMultiLineBody();
        assertThat(body.length).as("message %d", n).isEqualTo(octets);
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(stored.get(n - 1));
      }
    }
  }

  @Test
  void quitExpungesTheMarkedMessagesInTheStore() throws Exception {
    try (var client = loggedIn("alice", "secret")) {
      assertThat(client.command("DELE 1")).startsWith("+OK");
      assertThat(client.command("DELE 3")).startsWith("+OK");
      assertThat(client.command("QUIT")).startsWith("+OK");
    }
    assertThat(store.inbox("alice"))
        .extracting(m -> new String(m.bytes(), StandardCharsets.UTF_8))
        .containsExactly(Fixtures.M2);
  }

  @Test
  void aDroppedConnectionDeletesNothingAndFreesTheMaildrop() throws Exception {
    try (var client = loggedIn("alice", "secret")) {
      assertThat(client.command("DELE 1")).startsWith("+OK");
      assertThat(client.command("DELE 2")).startsWith("+OK");
    } // closed without QUIT
    Await.until("the lock is released", () -> !store.locked("alice"));
    assertThat(store.inbox("alice")).hasSize(3);
    try (var client = loggedIn("alice", "secret")) {
      assertThat(client.command("STAT")).isEqualTo("+OK 3 170");
    }
  }

  @Test
  void aClientGoneDuringLoginLeavesTheMaildropFree() throws Exception {
    var listingGate = new CompletableFuture<Void>();
    store.holdListings(listingGate);
    try (var client = Pop3Client.connect()) {
      client.readLine();
      assertThat(client.command("USER alice")).startsWith("+OK");
      client.send("PASS secret");
      Await.until("the login holds the lock", () -> store.locked("alice"));
    } // gone before the store answered the listing
    listingGate.complete(null);
    Await.until("the lock is released", () -> !store.locked("alice"));
    try (var client = loggedIn("alice", "secret")) {
      assertThat(client.command("STAT")).isEqualTo("+OK 3 170");
    }
  }

  @Test
  void aSecondSessionOnTheSameMaildropGetsInUse() throws Exception {
    try (var first = loggedIn("alice", "secret");
        var second = Pop3Client.connect()) {
      second.readLine();
      assertThat(second.command("USER alice")).startsWith("+OK");
      assertThat(second.command("PASS secret")).isEqualTo("-ERR [IN-USE] maildrop already locked");
      // still a healthy session in AUTHORIZATION
      assertThat(second.command("STAT")).isEqualTo("-ERR not authenticated: log in first");
      // another account is not affected
      second.login("bob", "hunter2");
      assertThat(second.command("STAT")).isEqualTo("+OK 1 24");
      assertThat(first.command("QUIT")).startsWith("+OK");
    }
    try (var third = loggedIn("alice", "secret")) {
      assertThat(third.command("STAT")).isEqualTo("+OK 3 170");
    }
  }

  @Test
  void theLeaseIsRenewedWhileTheSessionLives() throws Exception {
    // The test profile's lease is 3 s; without renewal it would lapse during this pause, which
    // is the point of the test, so here waiting is the condition itself.
    try (var first = loggedIn("alice", "secret")) {
      Thread.sleep(4_500);
      try (var second = Pop3Client.connect()) {
        second.readLine();
        second.command("USER alice");
        assertThat(second.command("PASS secret")).startsWith("-ERR [IN-USE]");
      }
      assertThat(first.command("STAT")).isEqualTo("+OK 3 170");
    }
  }

  @Test
  void uidlsStayTheSameAcrossSessionsAndExpungesElsewhere() throws Exception {
    List<String> before;
    try (var client = loggedIn("alice", "secret")) {
      client.send("UIDL");
      assertThat(client.readLine()).startsWith("+OK");
      before = multiLine(client).stream().map(l -> l.split(" ")[1]).toList();
      client.command("QUIT");
    }
    // message 1 is expunged by someone else (an IMAP client) between the sessions
    store.expunge("alice", Set.of(store.inbox("alice").get(0).uid()));
    try (var client = loggedIn("alice", "secret")) {
      client.send("UIDL");
      assertThat(client.readLine()).startsWith("+OK");
      List<String> after = multiLine(client).stream().map(l -> l.split(" ")[1]).toList();
      assertThat(after).containsExactlyElementsOf(before.subList(1, 3));
    }
  }

  @Test
  void retrSetsSeenButTopDoesNot() throws Exception {
    try (var client = loggedIn("alice", "secret")) {
      client.send("TOP 1 5");
      assertThat(client.readLine()).startsWith("+OK");
      client.readMultiLineBody();
      client.send("RETR 2");
      assertThat(client.readLine()).startsWith("+OK");
      client.readMultiLineBody();
      assertThat(client.command("NOOP")).isEqualTo("+OK");
    }
    var inbox = store.inbox("alice");
    assertThat(inbox.get(0).flags()).doesNotContain("\\Seen");
    assertThat(inbox.get(1).flags()).contains("\\Seen");
  }

  @Test
  void aMessageExpungedDuringTheSessionGivesAnErrAndTheSessionGoesOn() throws Exception {
    try (var client = loggedIn("alice", "secret")) {
      store.expunge("alice", Set.of(store.inbox("alice").get(0).uid()));
      assertThat(client.command("RETR 1")).isEqualTo("-ERR message no longer exists");
      assertThat(client.command("TOP 1 0")).isEqualTo("-ERR message no longer exists");
      // the snapshot still counts it until the session ends (message numbers are fixed)
      assertThat(client.command("STAT")).isEqualTo("+OK 3 170");
      assertThat(client.command("DELE 1")).startsWith("+OK");
      assertThat(client.command("QUIT")).startsWith("+OK");
    }
    assertThat(store.inbox("alice")).hasSize(2);
  }

  @Test
  void aLineOverTheMaximumEndsTheSession() throws Exception {
    try (var client = Pop3Client.connect()) {
      client.readLine();
      client.send("USER " + "a".repeat(2000));
      assertThat(client.readLine()).isEqualTo("-ERR line too long (over 1024 octets), closing");
      assertThat(client.readLine()).isNull();
    }
  }

  @Test
  void failedLoginsAreAnsweredLateButTheRightPasswordStillWorks() throws Exception {
    try (var client = Pop3Client.connect()) {
      client.readLine();
      for (int i = 0; i < 3; i++) {
        client.command("USER bob");
        long started = System.nanoTime();
        assertThat(client.command("PASS nope")).isEqualTo("-ERR [AUTH] authentication failed");
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(100);
      }
      client.login("bob", "hunter2");
      assertThat(client.command("STAT")).isEqualTo("+OK 1 24");
    }
  }

  @Test
  void implicitTlsOnThePop3sPort() throws Exception {
    try (var client = Pop3Client.connectTls()) {
      assertThat(client.readLine()).isEqualTo("+OK Mailroom POP3 server ready");
      client.send("CAPA");
      assertThat(client.readLine()).startsWith("+OK");
      assertThat(multiLine(client)).contains("USER").doesNotContain("STLS");
      client.login("alice", "secret");
      assertThat(client.command("STAT")).isEqualTo("+OK 3 170");
    }
  }

  @Test
  void plaintextPipelinedBehindStlsIsDiscarded() throws Exception {
    try (var client = Pop3Client.connect()) {
      client.readLine();
      // RFC 2595 section 3.1: an attacker could append commands to STLS in plaintext
      client.sendRaw("STLS\r\nUSER alice\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(client.readLine()).isEqualTo("+OK begin TLS negotiation");
      client.startTls();
      assertThat(client.command("PASS secret")).isEqualTo("-ERR USER first");
    }
  }
}
