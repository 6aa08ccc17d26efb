package io.mailroom.store.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import io.mailroom.store.StoreClient;
import io.mailroom.store.api.v1.AppendHeader;
import io.mailroom.store.api.v1.AppendReply;
import io.mailroom.store.api.v1.AppendRequest;
import io.mailroom.store.api.v1.BodySection;
import io.mailroom.store.api.v1.FetchRequest;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A 50 MB message appended and fetched back byte-identical. Neither side holds it whole: the test
 * generates and hashes it piece by piece, the store spools to disk and serves 64 KiB chunks by
 * ranged GET; client and store share this test JVM's 512 MB heap.
 */
@QuarkusTest
class LargeMessageTest {
  private static final int SIZE = 50 * 1024 * 1024 - 4096;
  private static final int PIECE = 1 << 20;

  private static byte[] piece(int index, int length) {
    byte[] line =
        ("line " + index + " of a large message, padded to a fixed width........\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = line[i % line.length];
    }
    return out;
  }

  @Test
  void fiftyMegabytesGoInAndComeBackIdentical() throws Exception {
    StoreClient user = StoreClient.create("large");
    byte[] header =
        "From: big@example.org\r\nSubject: large\r\nContent-Type: text/plain\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    MessageDigest sent = MessageDigest.getInstance("SHA-256");
    CompletableFuture<AppendReply> result = new CompletableFuture<>();
    StreamObserver<AppendRequest> out = user.messagesAsync().append(StoreClient.observer(result));
    out.onNext(
        AppendRequest.newBuilder()
            .setHeader(AppendHeader.newBuilder().setMailbox("INBOX").setSize(SIZE))
            .build());
    out.onNext(AppendRequest.newBuilder().setData(ByteString.copyFrom(header)).build());
    sent.update(header);
    int written = header.length;
    int index = 0;
    while (written < SIZE) {
      byte[] p = piece(index++, Math.min(PIECE, SIZE - written));
      sent.update(p);
      out.onNext(AppendRequest.newBuilder().setData(ByteString.copyFrom(p)).build());
      written += p.length;
    }
    out.onCompleted();
    AppendReply appended = result.get(180, TimeUnit.SECONDS);

    MessageDigest received = MessageDigest.getInstance("SHA-256");
    long total = 0;
    int largestChunk = 0;
    var replies =
        user.messages()
            .fetch(
                FetchRequest.newBuilder()
                    .setMailbox(user.ref("INBOX"))
                    .setUids(StoreClient.uids(appended.getUid(), appended.getUid()))
                    .setSize(true)
                    .addSections(BodySection.newBuilder())
                    .build());
    while (replies.hasNext()) {
      var r = replies.next();
      if (r.hasMeta()) {
        assertThat(r.getMeta().getSize()).isEqualTo(SIZE);
        continue;
      }
      ByteString data = r.getChunk().getData();
      largestChunk = Math.max(largestChunk, data.size());
      total += data.size();
      received.update(data.asReadOnlyByteBuffer());
    }
    assertThat(total).isEqualTo(SIZE);
    assertThat(largestChunk).isLessThanOrEqualTo(64 * 1024);
    assertThat(HexFormat.of().formatHex(received.digest()))
        .isEqualTo(HexFormat.of().formatHex(sent.digest()));
  }
}
