package io.mailroom.store.lmtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LMTP sessions over a real loopback socket against a fake store; no Quarkus boot. */
class LmtpSessionTest {
  static final long MAX_SIZE = 10_000;
  static final Map<String, FakeMailDelivery.Answer> ACCOUNTS =
      Map.of(
          "alice", FakeMailDelivery.Answer.DELIVER,
          "bob", FakeMailDelivery.Answer.OVER_QUOTA,
          "carol", FakeMailDelivery.Answer.DELIVER);

  private static Vertx vertx;

  @TempDir Path spool;
  private FakeMailDelivery store;
  private LmtpServer server;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private LmtpTestClient connect(LmtpConfig config) throws Exception {
    return connect(config, MAX_SIZE);
  }

  private LmtpTestClient connect(LmtpConfig config, long maxSize) throws Exception {
    store = new FakeMailDelivery(ACCOUNTS, maxSize);
    server = new LmtpServer(vertx, config, store);
    int port = server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    var client = new LmtpTestClient(port);
    assertThat(client.replyLine()).isEqualTo("220 lmtp.test LMTP Mailroom ready");
    return client;
  }

  private LmtpTestClient connect() throws Exception {
    return connect(new TestLmtpConfig(spool));
  }

  /** LHLO and MAIL FROM, then RCPT TO for each recipient, each expected to be accepted. */
  private static void openTransaction(LmtpTestClient client, String... recipients)
      throws IOException {
    client.send("LHLO mta.example\r\n");
    assertThat(client.replyLine()).startsWith("250 ");
    client.send("MAIL FROM:<sender@remote.example>\r\n");
    assertThat(client.replyLine()).startsWith("250 2.1.0");
    for (String recipient : recipients) {
      client.send("RCPT TO:<" + recipient + ">\r\n");
      assertThat(client.replyLine()).startsWith("250 2.1.5");
    }
  }

  @Test
  void twoRecipientsGetOneReplyEachInRcptOrder() throws Exception {
    try (var client = connect()) {
      client.send("LHLO mta.example\r\n");
      assertThat(client.reply())
          .containsExactly(
              "250-lmtp.test",
              "250-PIPELINING",
              "250-ENHANCEDSTATUSCODES",
              "250-8BITMIME",
              "250 SIZE 10000");
      client.send("MAIL FROM:<sender@remote.example>\r\n");
      assertThat(client.replyLine()).isEqualTo("250 2.1.0 sender <sender@remote.example> ok");
      client.send("RCPT TO:<alice@mail.example>\r\n");
      assertThat(client.replyLine()).isEqualTo("250 2.1.5 <alice@mail.example> recipient ok");
      client.send("RCPT TO:<bob@mail.example>\r\n");
      assertThat(client.replyLine()).isEqualTo("250 2.1.5 <bob@mail.example> recipient ok");
      client.send("DATA\r\n");
      assertThat(client.replyLine()).isEqualTo("354 start mail input; end with <CRLF>.<CRLF>");
      client.send("Subject: hello\r\n\r\nHi both.\r\n.\r\n");
      assertThat(client.replyLine()).isEqualTo("250 2.0.0 <M-alice> delivered");
      assertThat(client.replyLine()).isEqualTo("552 5.2.2 <bob@mail.example> Mailbox is full");
      client.send("QUIT\r\n");
      assertThat(client.replyLine()).isEqualTo("221 2.0.0 bye");
      assertThat(client.closedByServer()).isTrue();
      System.out.println(String.join("\n", client.transcript));
    }
    assertThat(store.delivered)
        .containsExactly(
            new FakeMailDelivery.Delivered(
                "sender@remote.example",
                "alice",
                "Return-Path: <sender@remote.example>\r\n"
                    + "Delivered-To: alice@mail.example\r\n"
                    + "Subject: hello\r\n\r\nHi both.\r\n"));
    awaitSpoolEmpty();
  }

  @Test
  void unknownRecipientIsRefusedAtRcpt() throws Exception {
    try (var client = connect()) {
      openTransaction(client);
      client.send("RCPT TO:<nobody@mail.example>\r\n");
      assertThat(client.replyLine()).isEqualTo("550 5.1.1 <nobody@mail.example> no such user");
      client.send("DATA\r\n");
      assertThat(client.replyLine()).isEqualTo("503 5.5.1 no valid recipients");
      client.send("RCPT TO:<carol>\r\n");
      assertThat(client.replyLine()).isEqualTo("250 2.1.5 <carol> recipient ok");
      client.send("DATA\r\n");
      assertThat(client.replyLine()).startsWith("354 ");
      client.send("Subject: to carol only\r\n\r\nbody\r\n.\r\n");
      assertThat(client.replyLine()).isEqualTo("250 2.0.0 <M-carol> delivered");
    }
    assertThat(store.delivered)
        .extracting(FakeMailDelivery.Delivered::recipient)
        .containsExactly("carol");
  }

  @Test
  void oversizeBodyGets552ForEveryRecipientAndStoresNothing() throws Exception {
    try (var client = connect()) {
      openTransaction(client, "alice@mail.example", "carol@mail.example");
      client.send("DATA\r\n");
      assertThat(client.replyLine()).startsWith("354 ");
      client.send("Subject: big\r\n\r\n" + ("z".repeat(98) + "\r\n").repeat(200) + ".\r\n");
      assertThat(client.replyLine())
          .isEqualTo("552 5.3.4 message size exceeds fixed limit of 10000");
      assertThat(client.replyLine())
          .isEqualTo("552 5.3.4 message size exceeds fixed limit of 10000");
      client.send("NOOP\r\n");
      assertThat(client.replyLine()).isEqualTo("250 2.0.0 ok");
    }
    assertThat(store.delivered).isEmpty();
    awaitSpoolEmpty();
  }

  @Test
  void aLargeMessageIsStreamedThroughTheSpool() throws Exception {
    String line = "0123456789".repeat(7) + "\r\n";
    String body = "Subject: large\r\n\r\n" + line.repeat(60_000);
    try (var client = connect(new TestLmtpConfig(spool), 8_000_000)) {
      openTransaction(client, "alice@mail.example");
      client.send("DATA\r\n");
      assertThat(client.replyLine()).startsWith("354 ");
      client.sendQuietly(body + ".\r\nQUIT\r\n");
      assertThat(client.replyLine()).isEqualTo("250 2.0.0 <M-alice> delivered");
      assertThat(client.replyLine()).isEqualTo("221 2.0.0 bye");
    }
    String stored = store.delivered.get(0).message();
    assertThat(stored)
        .hasSize(
            body.length()
                + "Return-Path: <sender@remote.example>\r\n".length()
                + "Delivered-To: alice@mail.example\r\n".length());
    assertThat(stored).endsWith(line + line);
  }

  @Test
  void declaredSizeOverTheLimitIsRefusedAtMail() throws Exception {
    try (var client = connect()) {
      client.send("LHLO mta.example\r\n");
      client.reply();
      client.send("MAIL FROM:<sender@remote.example> SIZE=10001\r\n");
      assertThat(client.replyLine())
          .isEqualTo("552 5.3.4 message size exceeds fixed limit of 10000");
      client.send("MAIL FROM:<sender@remote.example> SIZE=10000\r\n");
      assertThat(client.replyLine()).startsWith("250 2.1.0");
    }
  }

  @Test
  void bareLfBodyIsStoredWithCrlf() throws Exception {
    try (var client = connect()) {
      openTransaction(client, "alice@mail.example");
      client.send("DATA\n");
      assertThat(client.replyLine()).startsWith("354 ");
      client.send("Subject: unix\n\nfirst\nsecond\n.\n");
      assertThat(client.replyLine()).isEqualTo("250 2.0.0 <M-alice> delivered");
    }
    assertThat(store.delivered.get(0).message())
        .endsWith("Delivered-To: alice@mail.example\r\nSubject: unix\r\n\r\nfirst\r\nsecond\r\n");
  }

  @Test
  void pipelinedCommandsAreAnsweredInOrder() throws Exception {
    try (var client = connect()) {
      client.send(
          "LHLO mta.example\r\n"
              + "MAIL FROM:<>\r\n"
              + "RCPT TO:<alice@mail.example>\r\n"
              + "RCPT TO:<nobody@mail.example>\r\n"
              + "RCPT TO:<carol>\r\n"
              + "DATA\r\n");
      assertThat(client.replyLine()).isEqualTo("250 SIZE 10000");
      assertThat(client.replyLine()).isEqualTo("250 2.1.0 sender <> ok");
      assertThat(client.replyLine()).startsWith("250 2.1.5 <alice@");
      assertThat(client.replyLine()).startsWith("550 5.1.1 <nobody@");
      assertThat(client.replyLine()).startsWith("250 2.1.5 <carol>");
      assertThat(client.replyLine()).startsWith("354 ");
      client.send("Subject: bounce\r\n\r\nx\r\n.\r\nMAIL FROM:<s@x.example>\r\nRSET\r\nQUIT\r\n");
      assertThat(client.replyLine()).isEqualTo("250 2.0.0 <M-alice> delivered");
      assertThat(client.replyLine()).isEqualTo("250 2.0.0 <M-carol> delivered");
      assertThat(client.replyLine()).startsWith("250 2.1.0");
      assertThat(client.replyLine()).isEqualTo("250 2.0.0 ok");
      assertThat(client.replyLine()).isEqualTo("221 2.0.0 bye");
    }
    assertThat(store.delivered.get(0).message()).startsWith("Return-Path: <>\r\n");
  }

  @Test
  void dotStuffedLinesLoseTheirFirstDot() throws Exception {
    try (var client = connect()) {
      openTransaction(client, "alice");
      client.send("DATA\r\n");
      client.replyLine();
      client.send("Subject: dots\r\n\r\n..hidden\r\n...\r\n. \r\n.\r\n");
      assertThat(client.replyLine()).isEqualTo("250 2.0.0 <M-alice> delivered");
    }
    assertThat(store.delivered.get(0).message())
        .endsWith("Delivered-To: alice\r\nSubject: dots\r\n\r\n.hidden\r\n..\r\n \r\n");
  }

  @Test
  void disconnectDuringDataStoresNothingAndLeavesNoSpoolFile() throws Exception {
    var client = connect();
    openTransaction(client, "alice@mail.example");
    client.send("DATA\r\n");
    assertThat(client.replyLine()).startsWith("354 ");
    client.send("Subject: cut off\r\n\r\n" + "partial line\r\n".repeat(100));
    await(() -> spoolFiles().size() == 1, "spool file created");

    client.abort();

    awaitSpoolEmpty();
    assertThat(store.delivered).isEmpty();
  }

  @Test
  void sequenceSyntaxAndUnknownCommandErrors() throws Exception {
    try (var client = connect(new TestLmtpConfig(spool, Duration.ofMinutes(1), 50))) {
      client.send("MAIL FROM:<a@b.example>\r\n");
      assertThat(client.replyLine()).isEqualTo("503 5.5.1 send LHLO first");
      client.send("EHLO mta.example\r\n");
      assertThat(client.replyLine())
          .isEqualTo("500 5.5.1 EHLO not accepted: this is LMTP, use LHLO");
      client.send("HELO mta.example\r\n");
      assertThat(client.replyLine()).startsWith("500 5.5.1 HELO");
      client.send("LHLO\r\n");
      assertThat(client.replyLine()).isEqualTo("501 5.5.4 LHLO needs a host name");
      client.send("LHLO mta.example\r\n");
      client.reply();
      client.send("RCPT TO:<alice>\r\n");
      assertThat(client.replyLine()).isEqualTo("503 5.5.1 need MAIL before RCPT");
      client.send("DATA\r\n");
      assertThat(client.replyLine()).isEqualTo("503 5.5.1 need MAIL and RCPT before DATA");
      client.send("MAIL TO:<a@b.example>\r\n");
      assertThat(client.replyLine()).isEqualTo("501 5.5.4 syntax is MAIL FROM:<address>");
      client.send("MAIL FROM:<a@b.example> NOTIFY=NEVER\r\n");
      assertThat(client.replyLine()).isEqualTo("555 5.5.4 MAIL parameter NOTIFY not supported");
      client.send("STARTTLS\r\n");
      assertThat(client.replyLine()).isEqualTo("500 5.5.2 command not recognized");
      client.send("VRFY alice\r\n");
      assertThat(client.replyLine()).startsWith("252 2.5.0");
      client.send("MAIL FROM:<a@b.example>\r\n");
      assertThat(client.replyLine()).startsWith("250 2.1.0");
      client.send("MAIL FROM:<a@b.example>\r\n");
      assertThat(client.replyLine()).isEqualTo("503 5.5.1 nested MAIL command");
      client.send("RSET\r\n");
      assertThat(client.replyLine()).isEqualTo("250 2.0.0 ok");
      client.send("RCPT TO:<alice>\r\n");
      assertThat(client.replyLine()).isEqualTo("503 5.5.1 need MAIL before RCPT");
      client.send("RCPT TO:<" + "x".repeat(1200) + ">\r\n");
      assertThat(client.replyLine()).isEqualTo("500 5.5.2 line too long");
    }
  }

  @Test
  void tooManyErrorsGet421AndTheConnectionCloses() throws Exception {
    try (var client = connect(new TestLmtpConfig(spool, Duration.ofMinutes(1), 3))) {
      client.send("FOO\r\nBAR\r\nBAZ\r\nNOOP\r\n");
      assertThat(client.replyLine()).startsWith("500 5.5.2");
      assertThat(client.replyLine()).startsWith("500 5.5.2");
      assertThat(client.replyLine()).startsWith("500 5.5.2");
      assertThat(client.replyLine()).isEqualTo("421 4.7.0 too many errors, closing connection");
      assertThat(client.closedByServer()).isTrue();
    }
  }

  @Test
  void recipientsBeyondTheLimitGet452() throws Exception {
    try (var client = connect()) {
      openTransaction(client, "alice", "bob", "carol");
      client.send("RCPT TO:<alice@other.example>\r\n");
      assertThat(client.replyLine()).isEqualTo("452 4.5.3 too many recipients");
    }
  }

  @Test
  void anIdleClientIsDisconnectedWith421() throws Exception {
    try (var client = connect(new TestLmtpConfig(spool, Duration.ofMillis(300), 10))) {
      assertThat(client.replyLine()).isEqualTo("421 4.4.2 idle for too long, closing connection");
      assertThat(client.closedByServer()).isTrue();
    }
  }

  private List<Path> spoolFiles() {
    try (Stream<Path> files = Files.list(spool)) {
      return files.toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitSpoolEmpty() throws InterruptedException {
    await(() -> spoolFiles().isEmpty(), "spool directory empty, found " + spoolFiles());
  }

  /** Polls a condition for up to 10 s; the server's cleanup runs after its last reply. */
  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(20);
    }
  }
}
