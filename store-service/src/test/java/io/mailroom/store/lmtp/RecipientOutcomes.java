package io.mailroom.store.lmtp;

import static io.mailroom.store.lmtp.LmtpSessions.openTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * One reply per recipient after DATA, in RCPT order (RFC 2033 4.2): one recipient's refusal does
 * not fail the others, and a recipient refused at RCPT gets no reply after DATA.
 */
interface RecipientOutcomes extends LmtpSessions {

  @Test
  default void twoRecipientsGetOneReplyEachInRcptOrder() throws Exception {
    String alice = accounts().alice() + "@mail.example";
    String bob = accounts().bob() + "@mail.example";
    String afterData;
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
      client.send("RCPT TO:<" + alice + ">\r\n");
      assertThat(client.replyLine()).isEqualTo("250 2.1.5 <" + alice + "> recipient ok");
      client.send("RCPT TO:<" + bob + ">\r\n");
      assertThat(client.replyLine()).isEqualTo("250 2.1.5 <" + bob + "> recipient ok");
      client.send("DATA\r\n");
      assertThat(client.replyLine()).isEqualTo("354 start mail input; end with <CRLF>.<CRLF>");
      client.send("Subject: hello\r\n\r\nHi both.\r\n.\r\n");
      afterData = client.replyLine();
      // Dovecot's answer with quota_full_tempfail=no: permanent, for this recipient only.
      assertThat(client.replyLine()).isEqualTo("552 5.2.2 <" + bob + "> Mailbox is full");
      client.send("QUIT\r\n");
      assertThat(client.replyLine()).isEqualTo("221 2.0.0 bye");
      assertThat(client.closedByServer()).isTrue();
      System.out.println(String.join("\n", client.transcript));
    }
    var delivered = onlyDeliveryTo(accounts().alice());
    assertThat(afterData).isEqualTo("250 2.0.0 <" + delivered.emailId() + "> delivered");
    assertThat(delivered)
        .isEqualTo(
            new Delivered(
                "sender@remote.example",
                alice,
                delivered.emailId(),
                "Return-Path: <sender@remote.example>\r\n"
                    + "Delivered-To: "
                    + alice
                    + "\r\n"
                    + "Subject: hello\r\n\r\nHi both.\r\n"));
    assertThat(deliveredTo(accounts().bob())).isEmpty();
    awaitSpoolEmpty();
  }

  @Test
  default void unknownRecipientIsRefusedAtRcpt() throws Exception {
    String nobody = accounts().nobody() + "@mail.example";
    String carol = accounts().carol();
    String afterData;
    try (var client = connect()) {
      openTransaction(client);
      client.send("RCPT TO:<" + nobody + ">\r\n");
      assertThat(client.replyLine()).isEqualTo("550 5.1.1 <" + nobody + "> no such user");
      client.send("DATA\r\n");
      assertThat(client.replyLine()).isEqualTo("503 5.5.1 no valid recipients");
      client.send("RCPT TO:<" + carol + ">\r\n");
      assertThat(client.replyLine()).isEqualTo("250 2.1.5 <" + carol + "> recipient ok");
      client.send("DATA\r\n");
      assertThat(client.replyLine()).startsWith("354 ");
      client.send("Subject: to carol only\r\n\r\nbody\r\n.\r\n");
      afterData = client.replyLine();
    }
    assertThat(afterData)
        .isEqualTo("250 2.0.0 <" + onlyDeliveryTo(carol).emailId() + "> delivered");
    assertThat(deliveredTo(accounts().alice())).isEmpty();
    assertThat(deliveredTo(accounts().bob())).isEmpty();
  }
}
