package io.mailroom.store.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.mailroom.store.StoreClient;
import io.mailroom.store.api.v1.AppendReply;
import io.mailroom.store.api.v1.BodySection;
import io.mailroom.store.api.v1.FetchReply;
import io.mailroom.store.api.v1.FetchRequest;
import io.mailroom.store.api.v1.MessagesGrpc;
import io.mailroom.store.blob.ReadCountingBlobStore;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Fetch reads a body from S3 only as fast as the client takes it: a client that stops reading (a
 * POP3 user on a slow link) leaves the store holding a flow-control window of it, not the whole
 * message, and a client that goes away stops the reads.
 */
@QuarkusTest
class FetchFlowControlTest {
  private static final int SIZE = 16 << 20;
  private static final Duration QUIET = Duration.ofMillis(500);
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Test
  void aClientThatDoesNotReadStallsTheS3Reads() throws Exception {
    StoreClient user = StoreClient.create("slow");
    byte[] message = message();
    AppendReply appended = user.append("INBOX", message);
    long start = ReadCountingBlobStore.octetsRead();

    Fetch fetch = Fetch.start(user, appended.getUid());
    assertThat(fetch.replies.poll(30, TimeUnit.SECONDS))
        .extracting(FetchReply::hasMeta)
        .isEqualTo(true);
    long stalled = readsSettle() - start;

    assertThat(stalled)
        .as("octets read from S3 while the client reads nothing")
        .isLessThan(SIZE / 4);

    fetch.call.request(Integer.MAX_VALUE);
    assertThat(fetch.closed.get(60, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.OK);
    assertThat(fetch.body()).isEqualTo(message);
    assertThat(ReadCountingBlobStore.octetsRead() - start).isEqualTo(SIZE);
    System.out.printf(
        "FetchFlowControlTest: %d of %d octets read from S3 while the client was stalled%n",
        stalled, SIZE);
  }

  @Test
  void aClientGoingAwayStopsTheS3Reads() throws Exception {
    StoreClient user = StoreClient.create("gone");
    AppendReply appended = user.append("INBOX", message());
    long start = ReadCountingBlobStore.octetsRead();

    Fetch fetch = Fetch.start(user, appended.getUid());
    assertThat(fetch.replies.poll(30, TimeUnit.SECONDS))
        .extracting(FetchReply::hasMeta)
        .isEqualTo(true);
    await(() -> ReadCountingBlobStore.openReads() > 0, "the body read to start");
    long stalled = readsSettle() - start;
    fetch.call.cancel("the client went away", null);

    assertThat(fetch.closed.get(30, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.CANCELLED);
    await(() -> ReadCountingBlobStore.openReads() == 0, "the S3 read to be closed");
    assertThat(stalled).isLessThan(SIZE / 4);
    assertThat(ReadCountingBlobStore.octetsRead() - start).isEqualTo(stalled);
    System.out.printf(
        "FetchFlowControlTest: %d of %d octets read from S3 before the client went away%n",
        stalled, SIZE);
  }

  /** CRLF lines, so that what the store keeps is byte for byte what was sent. */
  private static byte[] message() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(SIZE);
    byte[] header =
        "From: slow@example.org\r\nSubject: flow control\r\nContent-Type: text/plain\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(header);
    for (int i = 0; out.size() < SIZE; i++) {
      byte[] line =
          String.format("line %08d of a message fetched by a client on a slow link\r\n", i)
              .getBytes(StandardCharsets.US_ASCII);
      out.write(line, 0, Math.min(line.length, SIZE - out.size()));
    }
    byte[] bytes = out.toByteArray();
    // The last line may have been cut short; end it with CRLF as the store would.
    bytes[SIZE - 2] = '\r';
    bytes[SIZE - 1] = '\n';
    return bytes;
  }

  /**
   * Waits until the octets read from S3 have not moved for {@link #QUIET}. A stalled stream gives
   * no event to wait for: the proof that it read no further is that the counter stays put.
   */
  private static long readsSettle() throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    long last = ReadCountingBlobStore.octetsRead();
    long since = System.nanoTime();
    while (System.nanoTime() - since < QUIET.toNanos()) {
      if (System.nanoTime() > deadline) {
        fail("S3 reads still growing after " + PATIENCE + ": " + last);
      }
      Thread.sleep(20);
      long now = ReadCountingBlobStore.octetsRead();
      if (now != last) {
        last = now;
        since = System.nanoTime();
      }
    }
    return last;
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("waited " + PATIENCE + " for " + what);
      }
      Thread.sleep(20);
    }
  }

  /** A raw Fetch call whose client asks for one reply and then takes no more until told. */
  private record Fetch(
      ClientCall<FetchRequest, FetchReply> call,
      BlockingQueue<FetchReply> replies,
      CompletableFuture<Status> closed) {

    static Fetch start(StoreClient user, long uid) {
      FetchRequest request =
          FetchRequest.newBuilder()
              .setMailbox(user.ref("INBOX"))
              .setUids(StoreClient.uids(uid, uid))
              .addSections(BodySection.newBuilder())
              .build();
      ClientCall<FetchRequest, FetchReply> call =
          StoreClient.channel()
              .newCall(
                  MessagesGrpc.getFetchMethod(),
                  CallOptions.DEFAULT.withDeadlineAfter(120, TimeUnit.SECONDS));
      Fetch fetch = new Fetch(call, new LinkedBlockingQueue<>(), new CompletableFuture<>());
      Metadata headers = new Metadata();
      headers.put(
          Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
          "Bearer " + user.token);
      call.start(
          new ClientCall.Listener<>() {
            @Override
            public void onMessage(FetchReply reply) {
              fetch.replies.add(reply);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
              fetch.closed.complete(status);
            }
          },
          headers);
      call.sendMessage(request);
      call.halfClose();
      call.request(1);
      return fetch;
    }

    byte[] body() {
      ByteArrayOutputStream body = new ByteArrayOutputStream(SIZE);
      for (FetchReply reply : replies) {
        if (reply.hasChunk()) {
          body.writeBytes(reply.getChunk().getData().toByteArray());
        }
      }
      return body.toByteArray();
    }
  }
}
