package io.mailroom.imap.protocol;

import static io.mailroom.imap.protocol.Sessions.loggedIn;
import static io.mailroom.imap.protocol.Sessions.selected;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a user sees from sessions: pushed changes, limits and bad input, metrics. */
@QuarkusTest
class SessionBehaviourTest {
  @Inject InMemoryStore store;

  @BeforeEach
  void seed() {
    Mailboxes.seed(store);
  }

  @Test
  void noopReportsChangesMadeElsewhereInOrder() throws IOException {
    try (var client = selected()) {
      store.deliver("alice", "INBOX", Mailboxes.MEETING);
      store.addFlag("alice", "INBOX", 2, "\\Flagged");
      store.expunge("alice", "INBOX", List.of(1L));
      String reply = client.command("n", "NOOP");
      assertThat(reply)
          .isEqualTo(
              "* 1 EXPUNGE\n* 3 EXISTS\n* 3 RECENT\n* 1 FETCH (FLAGS (\\Flagged \\Recent))\n"
                  + "n OK NOOP completed\n");
    }
  }

  @Test
  void noExpungeDuringFetchStoreOrSearchButAtTheNextNoop() throws IOException {
    try (var client = selected();
        var other = selected()) {
      // Another session on this replica expunges message 1: the first session hears of it at
      // once, but RFC 3501 7.4.1 lets it say so only outside FETCH, STORE and SEARCH.
      assertThat(other.command("d", "STORE 1 +FLAGS.SILENT (\\Deleted)")).contains("d OK");
      assertThat(other.command("e", "EXPUNGE")).contains("* 1 EXPUNGE", "e OK");
      for (String command :
          List.of("FETCH 1:3 (UID)", "STORE 2 +FLAGS.SILENT (\\Seen)", "SEARCH ALL")) {
        assertThat(client.command("x", command))
            .as(command)
            .contains("x OK")
            .doesNotContain("EXPUNGE");
      }
      assertThat(client.command("n", "NOOP")).contains("* 1 EXPUNGE", "n OK");
    }
  }

  @Test
  void idleTellsAboutNewMailImmediatelyOnTheNextCheck() throws IOException {
    try (var client = selected()) {
      client.sendLine("i IDLE");
      assertThat(client.readLine()).isEqualTo("+ idling");
      // A hint arrives as a Kafka event would bring it; here we call the registry's path
      // through another session's APPEND instead (same replica).
      try (var other = loggedIn()) {
        other.sendLine("a APPEND INBOX {7+}");
        other.sendLine("Hello!!");
        assertThat(other.readUntilTagged("a")).contains("a OK [APPENDUID");
      }
      // Keep-alive is 2 s in tests; the news arrives with the next hint or check.
      String line = client.readLine();
      while (line.startsWith("* OK Still here")) {
        line = client.readLine();
      }
      assertThat(line).isEqualTo("* 4 EXISTS");
      client.sendLine("DONE");
      assertThat(client.readUntilTagged("i")).endsWith("i OK IDLE terminated\n");
    }
  }

  @Test
  void oneFetchCommandIsOneStoreCall() throws IOException {
    try (var client = selected()) {
      long before = store.fetchCalls();
      String reply = client.command("f", "FETCH 1:* (FLAGS ENVELOPE BODYSTRUCTURE RFC822.SIZE)");
      assertThat(reply).contains("* 1 FETCH", "* 2 FETCH", "* 3 FETCH", "f OK FETCH completed");
      assertThat(store.fetchCalls() - before).isEqualTo(1);
    }
  }

  @Test
  void aTooLongLineEndsTheSessionWithBye() throws IOException {
    try (var client = new ImapClient()) {
      client.readLine();
      client.sendLine("a NOOP " + "x".repeat(9000));
      assertThat(client.readLine()).isEqualTo("* BYE Line too long");
      assertThat(client.isClosedByServer()).isTrue();
    }
  }

  @Test
  void aNonSynchronizingLiteralOverTheLimitIsRefusedBeforeItsBytes() throws IOException {
    try (var client = loggedIn()) {
      client.sendLine("a APPEND INBOX {2000000+}");
      assertThat(client.readLine())
          .isEqualTo("a BAD [TOOBIG] Message larger than APPENDLIMIT 1048576");
      assertThat(client.readLine()).isEqualTo("* BYE Literal refused, closing");
      assertThat(client.isClosedByServer()).isTrue();
    }
    assertThat(store.uids("alice", "INBOX")).hasSize(3);
  }

  @Test
  void aClientGoneBeforeTheAppendCommandEndedStoresNothing() throws Exception {
    long ended = store.appendsEnded();
    byte[] message = ascii("Subject: cut\r\n\r\n" + "y".repeat(50_000) + "\r\n");
    try (var client = loggedIn()) {
      // Every octet of the message, but not the CRLF that ends the command: the upload already
      // runs, and only the whole command may complete it.
      client.sendLine("a APPEND INBOX {" + message.length + "+}");
      client.sendBytes(message);
    }
    Await.until("the store saw the append end", () -> store.appendsEnded() > ended);
    assertThat(store.uids("alice", "INBOX")).hasSize(3);
    try (var client = loggedIn()) {
      assertThat(client.command("s", "STATUS INBOX (MESSAGES)")).contains("(MESSAGES 3)");
    }
  }

  @Test
  void aLargeAppendIsStreamedAndStoredExactly() throws IOException {
    byte[] body = ("Subject: big\r\n\r\n" + "z".repeat(600_000) + "\r\n").getBytes();
    try (var client = loggedIn()) {
      client.sendLine("a APPEND INBOX {" + body.length + "}");
      assertThat(client.readLine()).startsWith("+ ");
      client.sendBytes(body);
      client.sendLine("");
      assertThat(client.readUntilTagged("a")).contains("a OK [APPENDUID");
      assertThat(client.command("f", "STATUS INBOX (MESSAGES)")).contains("(MESSAGES 4)");
    }
  }

  @Test
  void connectionsPerAddressAreCapped() throws IOException {
    var clients = new ArrayList<ImapClient>();
    try {
      for (int i = 0; i < 40; i++) {
        var c = new ImapClient();
        assertThat(c.readLine()).startsWith("* OK");
        clients.add(c);
      }
      try (var refused = new ImapClient()) {
        assertThat(refused.readLine()).isEqualTo("* BYE Too many connections from your address");
        assertThat(refused.isClosedByServer()).isTrue();
      }
    } finally {
      for (var c : clients) {
        c.close();
      }
    }
  }

  @Test
  void sessionsPerAccountAreCapped() throws IOException {
    var clients = new ArrayList<ImapClient>();
    try {
      for (int i = 0; i < 20; i++) {
        clients.add(loggedIn());
      }
      try (var refused = new ImapClient()) {
        refused.readLine();
        assertThat(refused.command("l", "LOGIN alice secret"))
            .isEqualTo("l NO [LIMIT] Too many sessions for this account\n");
      }
      clients.remove(0).close();
      awaitLogin();
    } finally {
      for (var c : clients) {
        c.close();
      }
    }
  }

  /** A slot frees up once the server has noticed a closed connection. */
  private static void awaitLogin() throws IOException {
    long deadline = System.currentTimeMillis() + 5000;
    while (System.currentTimeMillis() < deadline) {
      try (var client = new ImapClient()) {
        client.readLine();
        if (client.command("l", "LOGIN alice secret").contains("l OK")) {
          return;
        }
      }
    }
    throw new AssertionError("no session slot freed up");
  }

  @Test
  void crlfInClientTextCannotForgeAResponse() throws IOException {
    try (var client = loggedIn()) {
      client.sendLine("a SELECT {16}");
      assertThat(client.readLine()).startsWith("+ ");
      client.send("x\r\n* OK [ALERT]\r\n");
      String reply = client.readUntilTagged("a");
      assertThat(reply).isEqualTo("a BAD Invalid mailbox name: not modified UTF-7\n");
      assertThat(client.command("n", "NOOP")).isEqualTo("n OK NOOP completed\n");
    }
  }

  @Test
  void pipelinedCommandsAreAnsweredInOrder() throws IOException {
    try (var client = loggedIn()) {
      client.send("p1 NOOP\r\np2 SELECT INBOX\r\np3 FETCH 1 UID\r\np4 LOGOUT\r\n");
      var all = new StringBuilder();
      String line;
      while ((line = client.readLine()) != null) {
        all.append(line).append('\n');
      }
      String text = all.toString();
      assertThat(text.indexOf("p1 OK")).isLessThan(text.indexOf("p2 OK"));
      assertThat(text).contains("* 1 FETCH (UID 1)\np3 OK FETCH completed\n* BYE");
      assertThat(text).endsWith("p4 OK LOGOUT completed\n");
    }
  }

  @Test
  void metricsCountSessionsCommandsAndBytes() throws Exception {
    try (var client = selected()) {
      assertThat(metric("mailroom_imap_sessions{state=\"selected\"}")).isGreaterThanOrEqualTo(1);
      double noops = metric("mailroom_imap_commands_total{command=\"NOOP\",outcome=\"OK\"}");
      double refused = metric("mailroom_imap_commands_total{command=\"SEARCH\",outcome=\"NO\"}");
      double bytes = metric("mailroom_imap_bytes_sent_total");
      double selects = metric("mailroom_imap_store_call_seconds_count{operation=\"select\"}");
      client.command("n", "NOOP");
      assertThat(client.command("s", "SEARCH CHARSET KOI8-R ALL")).contains("s NO [BADCHARSET");
      assertThat(client.command("s2", "SELECT INBOX")).contains("s2 OK");
      assertThat(metric("mailroom_imap_commands_total{command=\"NOOP\",outcome=\"OK\"}"))
          .isEqualTo(noops + 1);
      assertThat(metric("mailroom_imap_commands_total{command=\"SEARCH\",outcome=\"NO\"}"))
          .isEqualTo(refused + 1);
      assertThat(metric("mailroom_imap_bytes_sent_total")).isGreaterThan(bytes);
      assertThat(metric("mailroom_imap_store_call_seconds_count{operation=\"select\"}"))
          .isEqualTo(selects + 1);
      assertThat(RestAssured.get("/q/metrics").asString())
          .contains("mailroom_imap_command_latency_seconds_bucket");
      double idle = metric("mailroom_imap_sessions_idle");
      client.sendLine("i IDLE");
      assertThat(client.readLine()).isEqualTo("+ idling");
      Await.until("IDLE is counted", () -> metric("mailroom_imap_sessions_idle") == idle + 1);
      client.sendLine("DONE");
      assertThat(client.readUntilTagged("i")).endsWith("i OK IDLE terminated\n");
      Await.until("IDLE is uncounted", () -> metric("mailroom_imap_sessions_idle") == idle);
    }
  }

  /** The value of one series on /q/metrics, 0 when it is not there yet. */
  private static double metric(String series) {
    for (String line : RestAssured.get("/q/metrics").asString().split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    return 0;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
