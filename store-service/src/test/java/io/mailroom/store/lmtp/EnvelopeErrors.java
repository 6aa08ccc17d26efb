package io.mailroom.store.lmtp;

import static io.mailroom.store.lmtp.LmtpSessions.openTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Commands out of sequence, bad syntax, unknown commands and too many recipients (RFC 5321 4.1.4,
 * 4.5.3.1.10; RFC 3463 codes), and the 421 a session earns with too many of them.
 */
interface EnvelopeErrors extends LmtpSessions {

  @Test
  default void sequenceSyntaxAndUnknownCommandErrors() throws Exception {
    String alice = accounts().alice();
    try (var client = connect(new TestLmtpConfig(spool(), Duration.ofMinutes(1), 50))) {
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
      client.send("RCPT TO:<" + alice + ">\r\n");
      assertThat(client.replyLine()).isEqualTo("503 5.5.1 need MAIL before RCPT");
      client.send("DATA\r\n");
      assertThat(client.replyLine()).isEqualTo("503 5.5.1 need MAIL and RCPT before DATA");
      client.send("MAIL TO:<a@b.example>\r\n");
      assertThat(client.replyLine()).isEqualTo("501 5.5.4 syntax is MAIL FROM:<address>");
      client.send("MAIL FROM:<a@b.example> NOTIFY=NEVER\r\n");
      assertThat(client.replyLine()).isEqualTo("555 5.5.4 MAIL parameter NOTIFY not supported");
      client.send("STARTTLS\r\n");
      assertThat(client.replyLine()).isEqualTo("500 5.5.2 command not recognized");
      client.send("VRFY " + alice + "\r\n");
      assertThat(client.replyLine()).startsWith("252 2.5.0");
      client.send("MAIL FROM:<a@b.example>\r\n");
      assertThat(client.replyLine()).startsWith("250 2.1.0");
      client.send("MAIL FROM:<a@b.example>\r\n");
      assertThat(client.replyLine()).isEqualTo("503 5.5.1 nested MAIL command");
      client.send("RSET\r\n");
      assertThat(client.replyLine()).isEqualTo("250 2.0.0 ok");
      client.send("RCPT TO:<" + alice + ">\r\n");
      assertThat(client.replyLine()).isEqualTo("503 5.5.1 need MAIL before RCPT");
      client.send("RCPT TO:<" + "x".repeat(1200) + ">\r\n");
      assertThat(client.replyLine()).isEqualTo("500 5.5.2 line too long");
    }
    assertNothingDelivered();
  }

  @Test
  default void tooManyErrorsGet421AndTheConnectionCloses() throws Exception {
    try (var client = connect(new TestLmtpConfig(spool(), Duration.ofMinutes(1), 3))) {
      client.send("FOO\r\nBAR\r\nBAZ\r\nNOOP\r\n");
      assertThat(client.replyLine()).startsWith("500 5.5.2");
      assertThat(client.replyLine()).startsWith("500 5.5.2");
      assertThat(client.replyLine()).startsWith("500 5.5.2");
      assertThat(client.replyLine()).isEqualTo("421 4.7.0 too many errors, closing connection");
      assertThat(client.closedByServer()).isTrue();
    }
  }

  @Test
  default void recipientsBeyondTheLimitGet452() throws Exception {
    var accounts = accounts();
    try (var client = connect()) {
      openTransaction(client, accounts.alice(), accounts.bob(), accounts.carol());
      client.send("RCPT TO:<" + accounts.alice() + "@other.example>\r\n");
      assertThat(client.replyLine()).isEqualTo("452 4.5.3 too many recipients");
    }
  }
}
