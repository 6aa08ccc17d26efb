package io.mailroom.store.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.StoreClient;
import io.mailroom.store.api.v1.AppendHeader;
import io.mailroom.store.api.v1.AppendReply;
import io.mailroom.store.api.v1.AppendRequest;
import io.mailroom.store.api.v1.BodySection;
import io.mailroom.store.api.v1.FetchRequest;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Broken mail is stored anyway and comes back as it went in; idempotent appends store once. */
@QuarkusTest
class MalformedMailTest {

  private static final String[] CORPUS = {
    // a multipart whose boundary never appears, and whose closing boundary is missing
    "Subject: bad boundary\r\nContent-Type: multipart/mixed; boundary=\"zzz\"\r\n\r\n"
        + "--yyy\r\nContent-Type: text/plain\r\n\r\nlost part\r\n",
    // raw 8-bit bytes in headers
    "Subject: Gr\u00fc\u00dfe aus K\u00f6ln\r\nFrom: J\u00fcrgen <j@example.org>\r\n\r\nbody\r\n",
    // no header at all
    "\r\njust a body without any header\r\n",
    // one huge header line
    "Subject: " + "x".repeat(200_000) + "\r\nTo: a@example.org\r\n\r\nbody\r\n",
    // no blank line, no final CRLF
    "Subject: never ends"
  };

  @Test
  void aCorpusOfMalformedMessagesIsAcceptedAndFetchable() {
    StoreClient user = StoreClient.create("malformed");
    for (String raw : CORPUS) {
      byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
      AppendReply appended = user.append("INBOX", bytes);
      var got =
          new Fetched(
              user.messages()
                  .fetch(
                      FetchRequest.newBuilder()
                          .setMailbox(user.ref("INBOX"))
                          .setUids(StoreClient.uids(appended.getUid(), appended.getUid()))
                          .setEnvelope(true)
                          .setBodyStructure(true)
                          .addSections(BodySection.newBuilder())
                          .build()));
      assertThat(got.bytes(appended.getUid(), 0)).isEqualTo(bytes);
      assertThat(got.metas.get(0).getBodyStructure()).startsWith("(");
    }
  }

  @Test
  void aRepeatedIdempotencyKeyStoresTheMessageOnce() throws Exception {
    StoreClient user = StoreClient.create("idem");
    AppendReply first = appendWithKey(user, "key-1");
    AppendReply again = appendWithKey(user, "key-1");
    assertThat(again.getUid()).isEqualTo(first.getUid());
    assertThat(again.getEmailId()).isEqualTo(first.getEmailId());
    assertThat(user.select("INBOX").getMailbox().getMessages()).isEqualTo(1);
  }

  private static AppendReply appendWithKey(StoreClient user, String key) throws Exception {
    byte[] bytes = StoreClient.message("idempotent", "once").getBytes(StandardCharsets.UTF_8);
    CompletableFuture<AppendReply> result = new CompletableFuture<>();
    var out = user.messagesAsync().append(StoreClient.observer(result));
    out.onNext(
        AppendRequest.newBuilder()
            .setHeader(
                AppendHeader.newBuilder()
                    .setMailbox("INBOX")
                    .setSize(bytes.length)
                    .setIdempotencyKey(key))
            .build());
    out.onNext(
        AppendRequest.newBuilder().setData(com.google.protobuf.ByteString.copyFrom(bytes)).build());
    out.onCompleted();
    return result.get(30, TimeUnit.SECONDS);
  }
}
