package io.mailroom.store.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.mailroom.store.StoreClient;
import io.mailroom.store.api.v1.DeliverEnvelope;
import io.mailroom.store.api.v1.DeliverReply;
import io.mailroom.store.api.v1.DeliverRequest;
import io.mailroom.store.api.v1.DeliveryGrpc;
import io.mailroom.store.lmtp.response.RecipientReply;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeliveryTest {
  @Inject MailDelivery delivery;

  private static CompletableFuture<DeliverReply> deliver(
      DeliveryGrpc.DeliveryStub stub, String message, String... to) {
    CompletableFuture<DeliverReply> result = new CompletableFuture<>();
    var out = stub.deliver(StoreClient.observer(result));
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    out.onNext(
        DeliverRequest.newBuilder()
            .setEnvelope(
                DeliverEnvelope.newBuilder()
                    .setMailFrom("sender@example.org")
                    .addAllRecipients(java.util.List.of(to))
                    .setSize(bytes.length))
            .build());
    out.onNext(DeliverRequest.newBuilder().setData(ByteString.copyFrom(bytes)).build());
    out.onCompleted();
    return result;
  }

  @Test
  void grpcDeliverPutsTheMessageIntoEachRecipientsInbox() throws Exception {
    StoreClient a = StoreClient.create("dlv");
    StoreClient b = StoreClient.create("dlv");
    String unknown = "nobody-" + System.nanoTime();
    DeliverReply reply =
        deliver(
                StoreClient.asService(StoreClient.delivery(), null),
                StoreClient.message("to both", "hello"),
                a.username,
                b.username + "@example.org",
                unknown)
            .get(60, TimeUnit.SECONDS);
    assertThat(reply.getResultsList())
        .extracting(r -> r.getDelivered())
        .containsExactly(true, true, false);
    assertThat(reply.getResults(2).getError().name()).isEqualTo("NONEXISTENT");
    assertThat(a.select("INBOX").getMailbox().getMessages()).isEqualTo(1);
    assertThat(b.select("INBOX").getMailbox().getMessages()).isEqualTo(1);
  }

  @Test
  void grpcDeliverAnswersOverquotaForAFullRecipientOnly() throws Exception {
    StoreClient roomy = StoreClient.create("dlv");
    StoreClient full = StoreClient.create("dlv");
    full.quota(1);
    DeliverReply reply =
        deliver(
                StoreClient.asService(StoreClient.delivery(), null),
                StoreClient.message("one fits", "hello"),
                roomy.username,
                full.username)
            .get(60, TimeUnit.SECONDS);
    assertThat(reply.getResultsList())
        .extracting(r -> r.getDelivered())
        .containsExactly(true, false);
    assertThat(reply.getResults(1).getError().name()).isEqualTo("OVERQUOTA");
    assertThat(full.select("INBOX").getMailbox().getMessages()).isZero();
  }

  @Test
  void grpcDeliverNeedsTheServiceCredential() {
    StoreClient a = StoreClient.create("dlv");
    Throwable e =
        catchThrowable(
            () ->
                deliver(
                        a.withToken(StoreClient.delivery()),
                        StoreClient.message("x", "y"),
                        a.username)
                    .get(30, TimeUnit.SECONDS));
    assertThat(StoreClient.code(e)).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(a.select("INBOX").getMailbox().getMessages()).isZero();
  }

  @Test
  void theMailDeliveryBeanDeliversWithThePrefixAndReportsATypedOutcome() throws Exception {
    StoreClient a = StoreClient.create("dlv");
    assertThat(delivery.acceptsRecipient(a.username + "@example.org").await().indefinitely())
        .isTrue();
    assertThat(delivery.acceptsRecipient("nobody-" + System.nanoTime()).await().indefinitely())
        .isFalse();
    assertThat(delivery.maxMessageSize()).isEqualTo(50L * 1024 * 1024);

    Path body = Files.createTempFile("lmtp-test", ".eml");
    try {
      Files.writeString(body, StoreClient.message("via lmtp", "text"));
      byte[] prefix = ("Delivered-To: " + a.username + "\r\n").getBytes(StandardCharsets.US_ASCII);
      var ok =
          delivery
              .deliver(new DeliveryRequest("s@example.org", a.username, prefix, body))
              .await()
              .indefinitely();
      assertThat(ok).isInstanceOf(RecipientOutcome.Delivered.class);
      assertThat(RecipientReply.of(ok).toString()).startsWith("250 ");
      var no =
          delivery
              .deliver(
                  new DeliveryRequest(
                      "s@example.org", "nobody-" + System.nanoTime(), new byte[0], body))
              .await()
              .indefinitely();
      assertThat(no).isInstanceOf(RecipientOutcome.NoSuchUser.class);
      assertThat(RecipientReply.of(no).toString()).startsWith("550 ");
    } finally {
      Files.deleteIfExists(body);
    }
    var meta =
        a.messages()
            .fetch(
                io.mailroom.store.api.v1.FetchRequest.newBuilder()
                    .setMailbox(a.ref("INBOX"))
                    .setUids(StoreClient.uids(1, 1))
                    .addSections(
                        io.mailroom.store.api.v1.BodySection.newBuilder()
                            .setPartial(true)
                            .setPartialLength(13))
                    .build());
    meta.next();
    assertThat(meta.next().getChunk().getData().toStringUtf8()).isEqualTo("Delivered-To:");
  }
}
