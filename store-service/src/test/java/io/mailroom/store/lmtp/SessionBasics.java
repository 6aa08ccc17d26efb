package io.mailroom.store.lmtp;

import static io.mailroom.store.lmtp.LmtpSessions.await;
import static io.mailroom.store.lmtp.LmtpSessions.openTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A session's course: pipelining (RFC 2920), RSET and QUIT, an idle client, a dropped one. */
interface SessionBasics extends LmtpSessions {

  @Test
  default void pipelinedCommandsAreAnsweredInOrder() throws Exception {
    String alice = accounts().alice() + "@mail.example";
    String nobody = accounts().nobody() + "@mail.example";
    String carol = accounts().carol();
    String toAlice;
    String toCarol;
    try (var client = connect()) {
      client.send(
          "LHLO mta.example\r\n"
              + "MAIL FROM:<>\r\n"
              + "RCPT TO:<"
              + alice
              + ">\r\n"
              + "RCPT TO:<"
              + nobody
              + ">\r\n"
              + "RCPT TO:<"
              + carol
              + ">\r\n"
              + "DATA\r\n");
      assertThat(client.replyLine()).isEqualTo("250 SIZE 10000");
      assertThat(client.replyLine()).isEqualTo("250 2.1.0 sender <> ok");
      assertThat(client.replyLine()).isEqualTo("250 2.1.5 <" + alice + "> recipient ok");
      assertThat(client.replyLine()).isEqualTo("550 5.1.1 <" + nobody + "> no such user");
      assertThat(client.replyLine()).isEqualTo("250 2.1.5 <" + carol + "> recipient ok");
      assertThat(client.replyLine()).startsWith("354 ");
      client.send("Subject: bounce\r\n\r\nx\r\n.\r\nMAIL FROM:<s@x.example>\r\nRSET\r\nQUIT\r\n");
      toAlice = client.replyLine();
      toCarol = client.replyLine();
      assertThat(client.replyLine()).startsWith("250 2.1.0");
      assertThat(client.replyLine()).isEqualTo("250 2.0.0 ok");
      assertThat(client.replyLine()).isEqualTo("221 2.0.0 bye");
    }
    var atAlice = onlyDeliveryTo(accounts().alice());
    assertThat(toAlice).isEqualTo("250 2.0.0 <" + atAlice.emailId() + "> delivered");
    assertThat(toCarol).isEqualTo("250 2.0.0 <" + onlyDeliveryTo(carol).emailId() + "> delivered");
    assertThat(atAlice.mailFrom()).isEmpty();
    assertThat(atAlice.message()).startsWith("Return-Path: <>\r\n");
  }

  @Test
  default void disconnectDuringDataStoresNothingAndLeavesNoSpoolFile() throws Exception {
    var client = connect();
    openTransaction(client, accounts().alice() + "@mail.example");
    client.send("DATA\r\n");
    assertThat(client.replyLine()).startsWith("354 ");
    client.send("Subject: cut off\r\n\r\n" + "partial line\r\n".repeat(100));
    await(() -> spoolFiles().size() == 1, "spool file created");

    client.abort();

    awaitSpoolEmpty();
    assertNothingDelivered();
  }

  @Test
  default void anIdleClientIsDisconnectedWith421() throws Exception {
    try (var client = connect(new TestLmtpConfig(spool(), Duration.ofMillis(300), 10))) {
      assertThat(client.replyLine()).isEqualTo("421 4.4.2 idle for too long, closing connection");
      assertThat(client.closedByServer()).isTrue();
    }
  }
}
