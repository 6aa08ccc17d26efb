package io.mailroom.store.lmtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real LMTP client, Python's smtplib.LMTP, against the server with a fake store. */
class PythonLmtpClientTest {

  /**
   * smtplib's sendmail() reads one reply after DATA, as SMTP has; an LMTP client reads one per
   * accepted recipient, so the script calls data() and then getreply() for the rest.
   */
  private static final String CLIENT =
      """
      import smtplib, sys
      client = smtplib.LMTP(sys.argv[1], int(sys.argv[2]), timeout=10)
      code, _ = client.ehlo("python.example")
      print("lhlo", code, " ".join(sorted(client.esmtp_features)), client.esmtp_features["size"])
      message = "Subject: from python\\n\\n.starts with a dot\\nplain line\\n"
      code, text = client.mail("sender@remote.example", ["SIZE=%d" % len(message)])
      print("mail", code, text.decode())
      accepted = []
      for rcpt in ["alice@mail.example", "nobody@mail.example", "bob@mail.example"]:
          code, text = client.rcpt(rcpt)
          print("rcpt", code, text.decode())
          if code == 250:
              accepted.append(rcpt)
      code, text = client.data(message)
      print("data", code, text.decode())
      for _ in accepted[1:]:
          code, text = client.getreply()
          print("data", code, text.decode())
      print("quit", client.quit()[0])
      """;

  @TempDir Path spool;
  private Vertx vertx;
  private LmtpServer server;
  private FakeMailDelivery store;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    store = new FakeMailDelivery(LmtpSessionTest.ACCOUNTS, LmtpSessionTest.MAX_SIZE);
    server = new LmtpServer(vertx, new TestLmtpConfig(spool), store);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void smtplibLmtpDeliversToTwoRecipientsWithOneReplyEach() throws Exception {
    int port = server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    List<String> output = runPython(CLIENT, "127.0.0.1", Integer.toString(port));

    assertThat(output)
        .containsExactly(
            "lhlo 250 8bitmime enhancedstatuscodes pipelining size 10000",
            "mail 250 2.1.0 sender <sender@remote.example> ok",
            "rcpt 250 2.1.5 <alice@mail.example> recipient ok",
            "rcpt 550 5.1.1 <nobody@mail.example> no such user",
            "rcpt 250 2.1.5 <bob@mail.example> recipient ok",
            "data 250 2.0.0 <M-alice> delivered",
            "data 552 5.2.2 <bob@mail.example> Mailbox is full",
            "quit 221");
    assertThat(store.delivered).hasSize(1);
    assertThat(store.delivered.get(0).message())
        .isEqualTo(
            "Return-Path: <sender@remote.example>\r\n"
                + "Delivered-To: alice@mail.example\r\n"
                + "Subject: from python\r\n\r\n.starts with a dot\r\nplain line\r\n");
  }

  private static List<String> runPython(String script, String... args) throws Exception {
    var command = new java.util.ArrayList<>(List.of("python3", "-c", script));
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(
          "python3 is needed for this test (smtplib.LMTP is the real client) but could not be"
              + " started: "
              + e.getMessage(),
          e);
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("python3 LMTP client did not finish within 60 s");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("python3 exit status; output:%n%s", output).isZero();
    return output.lines().toList();
  }
}
