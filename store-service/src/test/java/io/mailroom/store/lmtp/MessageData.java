package io.mailroom.store.lmtp;

import static io.mailroom.store.lmtp.LmtpSessions.openTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The message itself: the SIZE limit at MAIL and during DATA (RFC 1870, 552 5.3.4), a large body
 * streamed through the spool, dot-unstuffing and line endings (RFC 5321 4.5.2, 2.3.8).
 */
interface MessageData extends LmtpSessions {

  @Test
  default void oversizeBodyGets552ForEveryRecipientAndStoresNothing() throws Exception {
    try (var client = connect()) {
      openTransaction(
          client, accounts().alice() + "@mail.example", accounts().carol() + "@mail.example");
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
    assertNothingDelivered();
    awaitSpoolEmpty();
  }

  @Test
  default void aLargeMessageIsStreamedThroughTheSpool() throws Exception {
    String alice = accounts().alice() + "@mail.example";
    String line = "0123456789".repeat(7) + "\r\n";
    String body = "Subject: large\r\n\r\n" + line.repeat(60_000);
    String afterData;
    try (var client = connect(new TestLmtpConfig(spool()), 8_000_000)) {
      openTransaction(client, alice);
      client.send("DATA\r\n");
      assertThat(client.replyLine()).startsWith("354 ");
      client.sendQuietly(body + ".\r\nQUIT\r\n");
      afterData = client.replyLine();
      assertThat(client.replyLine()).isEqualTo("221 2.0.0 bye");
    }
    var delivered = onlyDeliveryTo(accounts().alice());
    assertThat(afterData).isEqualTo("250 2.0.0 <" + delivered.emailId() + "> delivered");
    String prefix = "Return-Path: <sender@remote.example>\r\nDelivered-To: " + alice + "\r\n";
    // Compared whole, but not printed whole when it differs: 4 MB.
    assertThat(delivered.message()).hasSize(prefix.length() + body.length());
    assertThat(delivered.message().equals(prefix + body)).as("stored octets").isTrue();
  }

  @Test
  default void declaredSizeOverTheLimitIsRefusedAtMail() throws Exception {
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
  default void bareLfBodyIsStoredWithCrlf() throws Exception {
    String alice = accounts().alice() + "@mail.example";
    String afterData;
    try (var client = connect()) {
      openTransaction(client, alice);
      client.send("DATA\n");
      assertThat(client.replyLine()).startsWith("354 ");
      client.send("Subject: unix\n\nfirst\nsecond\n.\n");
      afterData = client.replyLine();
    }
    var delivered = onlyDeliveryTo(accounts().alice());
    assertThat(afterData).isEqualTo("250 2.0.0 <" + delivered.emailId() + "> delivered");
    assertThat(delivered.message())
        .isEqualTo(
            "Return-Path: <sender@remote.example>\r\nDelivered-To: "
                + alice
                + "\r\nSubject: unix\r\n\r\nfirst\r\nsecond\r\n");
  }

  @Test
  default void dotStuffedLinesLoseTheirFirstDot() throws Exception {
    String alice = accounts().alice();
    String afterData;
    try (var client = connect()) {
      openTransaction(client, alice);
      client.send("DATA\r\n");
      client.replyLine();
      client.send("Subject: dots\r\n\r\n..hidden\r\n...\r\n. \r\n.\r\n");
      afterData = client.replyLine();
    }
    var delivered = onlyDeliveryTo(alice);
    assertThat(afterData).isEqualTo("250 2.0.0 <" + delivered.emailId() + "> delivered");
    assertThat(delivered.message())
        .isEqualTo(
            "Return-Path: <sender@remote.example>\r\nDelivered-To: "
                + alice
                + "\r\nSubject: dots\r\n\r\n.hidden\r\n..\r\n \r\n");
  }
}
