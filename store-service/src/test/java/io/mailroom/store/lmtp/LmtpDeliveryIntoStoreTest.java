package io.mailroom.store.lmtp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.mailroom.store.StoreClient;
import io.mailroom.store.api.v1.BodySection;
import io.mailroom.store.api.v1.FetchReply;
import io.mailroom.store.api.v1.FetchRequest;
import io.mailroom.store.api.v1.MailboxInfo;
import io.mailroom.store.api.v1.MailboxRef;
import io.mailroom.store.api.v1.MessagesGrpc;
import io.mailroom.store.api.v1.SelectRequest;
import io.mailroom.store.api.v1.UidRange;
import io.mailroom.store.api.v1.UidSet;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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

  @ConfigProperty(name = "quarkus.grpc.server.test-port")
  int grpcPort;

  @ConfigProperty(name = "mailroom.auth.admin-token")
  String adminToken;

  @ConfigProperty(name = "mailroom.auth.service-token")
  String serviceToken;

  @Test
  void aMessageDeliveredOverLmtpLandsInTheInbox() throws Exception {
    String user = "lmtp" + UUID.randomUUID().toString().substring(0, 8);
    given()
        .header("Authorization", "Bearer " + adminToken)
        .contentType("application/json")
        .body(Map.of("username", user, "password", "secret-" + user))
        .post("/admin/v1/accounts")
        .then()
        .statusCode(201);

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

    String stored = fetchFirstInboxMessage(user);
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

    assertThat(fetchFirstInboxMessage(roomy.username)).isEqualTo(asDelivered(roomy));
    assertThat(fetchFirstInboxMessage(full.username)).isEqualTo(earlier);
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

  /** Reads INBOX as a gateway would: Select, then Fetch BODY[] of its first message. */
  private String fetchFirstInboxMessage(String user) throws InterruptedException {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    try {
      var headers = new Metadata();
      headers.put(
          Metadata.Key.of("x-mailroom-service-token", Metadata.ASCII_STRING_MARSHALLER),
          serviceToken);
      headers.put(Metadata.Key.of("x-mailroom-account", Metadata.ASCII_STRING_MARSHALLER), user);
      var messages =
          MessagesGrpc.newBlockingStub(channel)
              .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
              .withDeadlineAfter(30, TimeUnit.SECONDS);

      MailboxInfo inbox = null;
      var selected =
          messages.select(SelectRequest.newBuilder().setName("INBOX").setReadOnly(true).build());
      while (selected.hasNext()) {
        var reply = selected.next();
        if (reply.hasMailbox()) {
          inbox = reply.getMailbox();
        }
      }
      assertThat(inbox).as("Select INBOX answered with the mailbox").isNotNull();
      assertThat(inbox.getMessages()).as("messages in INBOX").isEqualTo(1);

      var body = new ByteArrayOutputStream();
      messages
          .fetch(
              FetchRequest.newBuilder()
                  .setMailbox(
                      MailboxRef.newBuilder()
                          .setMailboxId(inbox.getMailboxId())
                          .setUidValidity(inbox.getUidValidity()))
                  // uint32 4294967295 ("*") is -1 as a Java int.
                  .setUids(
                      UidSet.newBuilder().addRanges(UidRange.newBuilder().setFirst(1).setLast(-1)))
                  .addSections(BodySection.newBuilder().setPart(""))
                  .build())
          .forEachRemaining(
              (FetchReply reply) -> {
                if (reply.hasChunk()) {
                  body.writeBytes(reply.getChunk().getData().toByteArray());
                }
              });
      return body.toString(StandardCharsets.UTF_8);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
