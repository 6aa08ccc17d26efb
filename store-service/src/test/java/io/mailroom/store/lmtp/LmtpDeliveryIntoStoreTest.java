package io.mailroom.store.lmtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.StoreClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * LMTP into the real store (PostgreSQL, S3, outbox): what an MTA delivers is what a gateway then
 * reads over gRPC, with the trace fields LMTP adds.
 */
@QuarkusTest
class LmtpDeliveryIntoStoreTest {

  @ConfigProperty(name = "mailroom.lmtp.port")
  int lmtpPort;

  @Inject Pool pool;

  @Test
  void aMessageDeliveredOverLmtpLandsInTheInbox() throws Exception {
    String user = StoreClient.uniqueUsername("lmtp");
    StoreClient.createAccount(user, "secret-" + user);

    try (var client = new LmtpTestClient(lmtpPort)) {
      startTransaction(client);
      client.send("RCPT TO:<" + user + "@any.example>\r\n");
      assertThat(client.replyLine()).startsWith("250 2.1.5");
      client.send("RCPT TO:<nobody-" + user + "@any.example>\r\n");
      assertThat(client.replyLine()).startsWith("550 5.1.1");
      client.send("DATA\r\n");
      assertThat(client.replyLine()).startsWith("354 ");
      client.send(
          "From: sender@remote.example\r\nSubject: over LMTP\r\n\r\n..dotted\nbare LF line\r\n.\r\n");
      assertThat(client.replyLine()).startsWith("250 2.0.0");
      client.send("QUIT\r\n");
      assertThat(client.replyLine()).startsWith("221 ");
    }

    String stored = fetchOnlyInboxMessage(user);
    assertThat(stored)
        .isEqualTo(
            "Return-Path: <sender@remote.example>\r\n"
                + "Delivered-To: "
                + user
                + "@any.example\r\n"
                + "From: sender@remote.example\r\nSubject: over LMTP\r\n\r\n.dotted\r\n"
                + "bare LF line\r\n");
  }

  /**
   * One message to two accounts, one of them full: Dovecot's answer with quota_full_tempfail=no, a
   * permanent 552 5.2.2 for that recipient only, and the other one still gets the message.
   */
  @Test
  void aFullMailboxGets552WhileTheOtherRecipientGetsTheMessage() throws Exception {
    StoreClient roomy = StoreClient.create("lmtp-roomy");
    StoreClient full = StoreClient.create("lmtp-full");
    String earlier = StoreClient.message("fills the mailbox", "x");
    full.append("INBOX", earlier);
    full.quota(full.usedBytes());

    try (var client = new LmtpTestClient(lmtpPort)) {
      startTransaction(client);
      client.send("RCPT TO:<" + roomy.username + "@any.example>\r\n");
      assertThat(client.replyLine()).startsWith("250 2.1.5");
      client.send("RCPT TO:<" + full.username + "@any.example>\r\n");
      assertThat(client.replyLine()).startsWith("250 2.1.5");
      client.send("DATA\r\n");
      assertThat(client.replyLine()).startsWith("354 ");
      client.send("From: sender@remote.example\r\nSubject: to two\r\n\r\nhello\r\n.\r\n");
      assertThat(client.replyLine()).startsWith("250 2.0.0");
      assertThat(client.replyLine())
          .isEqualTo("552 5.2.2 <" + full.username + "@any.example> Mailbox is full");
      client.send("QUIT\r\n");
      assertThat(client.replyLine()).startsWith("221 ");
    }

    assertThat(fetchOnlyInboxMessage(roomy.username)).isEqualTo(asDelivered(roomy));
    assertThat(fetchOnlyInboxMessage(full.username)).isEqualTo(earlier);
    assertThat(full.usedBytes()).isEqualTo(earlier.length());
    assertThat(StoreClient.contentRows(pool, asDelivered(roomy))).isEqualTo(1);
    assertThat(StoreClient.contentRows(pool, asDelivered(full)))
        .as("content rows of the refused copy")
        .isZero();
  }

  /** Greeting, LHLO and MAIL FROM:<sender@remote.example>. */
  private static void startTransaction(LmtpTestClient client) throws IOException {
    assertThat(client.replyLine()).startsWith("220 ");
    client.send("LHLO mta.example\r\n");
    assertThat(client.reply()).contains("250-PIPELINING");
    client.send("MAIL FROM:<sender@remote.example>\r\n");
    assertThat(client.replyLine()).startsWith("250 2.1.0");
  }

  /** The message of the quota test as stored for one recipient, trace fields included. */
  private static String asDelivered(StoreClient recipient) {
    return "Return-Path: <sender@remote.example>\r\nDelivered-To: "
        + recipient.username
        + "@any.example\r\nFrom: sender@remote.example\r\nSubject: to two\r\n\r\nhello\r\n";
  }

  /** INBOX as a gateway reads it, which holds one message: that message. */
  private static String fetchOnlyInboxMessage(String user) {
    var inbox = StoredInbox.byEmailId(user);
    assertThat(inbox).as("messages in INBOX").hasSize(1);
    return inbox.values().iterator().next();
  }
}
