package io.mailroom.store.client.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.mailroom.store.api.v1.FetchReply;
import io.mailroom.store.api.v1.FetchRequest;
import io.mailroom.store.api.v1.MessageMeta;
import io.mailroom.store.api.v1.MessagesGrpc;
import io.mailroom.store.api.v1.SectionChunk;
import io.mailroom.store.api.v1.SectionText;
import io.mailroom.store.client.StoreFailure;
import io.mailroom.store.client.TestStore;
import io.mailroom.store.client.auth.Login;
import io.mailroom.store.client.mailbox.MailboxRef;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FetchClientTest {
  private static final Login ALICE = new Login("alice", "tok");
  private static final MailboxRef INBOX = new MailboxRef(7, 4294967295L);
  private static final int BIG_CHUNKS = 400;

  /**
   * UID 1 is a two-chunk message; UID 2 is 400 chunks of 64 KiB sent as fast as gRPC lets; any
   * other UID is gone.
   */
  private static final class FakeMessages extends MessagesGrpc.MessagesImplBase {
    final AtomicReference<FetchRequest> last = new AtomicReference<>();
    final AtomicInteger bigChunksSent = new AtomicInteger();

    @Override
    public void fetch(FetchRequest request, StreamObserver<FetchReply> replies) {
      last.set(request);
      int uid = request.getUids().getRanges(0).getFirst();
      if (uid == 1) {
        replies.onNext(
            FetchReply.newBuilder()
                .setMeta(MessageMeta.newBuilder().setUid(1).addFlags("\\Seen").setSize(10))
                .build());
        replies.onNext(chunk(1, "Subject: ", false));
        replies.onNext(chunk(1, "hi\r\n", true));
        replies.onCompleted();
      } else if (uid == 2) {
        var stream = (ServerCallStreamObserver<FetchReply>) replies;
        byte[] data = new byte[64 * 1024];
        stream.setOnReadyHandler(
            () -> {
              while (stream.isReady() && bigChunksSent.get() < BIG_CHUNKS) {
                int n = bigChunksSent.incrementAndGet();
                stream.onNext(
                    FetchReply.newBuilder()
                        .setChunk(
                            SectionChunk.newBuilder()
                                .setUid(2)
                                .setData(ByteString.copyFrom(data))
                                .setLast(n == BIG_CHUNKS))
                        .build());
                if (n == BIG_CHUNKS) {
                  stream.onCompleted();
                }
              }
            });
      } else {
        replies.onCompleted();
      }
    }

    private static FetchReply chunk(int uid, String text, boolean last) {
      return FetchReply.newBuilder()
          .setChunk(
              SectionChunk.newBuilder()
                  .setUid(uid)
                  .setData(ByteString.copyFromUtf8(text))
                  .setLast(last))
          .build();
    }
  }

  private final FakeMessages fake = new FakeMessages();
  private final TestStore store = new TestStore(fake);
  private final FetchClient client = new FetchClient(TestStore.calls(), store.stubs());

  @AfterEach
  void close() throws InterruptedException {
    store.close();
  }

  @Test
  void aFetchIsMetadataThenChunksAndTheSpecReachesTheStore() {
    var section =
        new FetchSpec.Section(
            "1.2",
            FetchSpec.Text.HEADER_FIELDS,
            List.of("Subject"),
            Optional.of(new long[] {5, 9}));
    var spec = new FetchSpec(true, false, true, false, true, true, List.of(section), true, 42);

    List<FetchPart> parts =
        client
            .fetch(ALICE, INBOX, UidSet.one(1), spec)
            .collect()
            .asList()
            .await()
            .atMost(Duration.ofSeconds(15));

    assertThat(parts).hasSize(3);
    var meta = (FetchPart.Meta) parts.get(0);
    assertThat(meta.uid()).isEqualTo(1);
    assertThat(meta.flags()).containsExactly("\\Seen");
    assertThat(((FetchPart.Chunk) parts.get(2)).last()).isTrue();
    var request = fake.last.get();
    assertThat(request.getMailbox().getUidValidity()).isEqualTo(-1);
    assertThat(request.getFlags()).isTrue();
    assertThat(request.getBodyStructure()).isTrue();
    assertThat(request.getSetSeen()).isTrue();
    assertThat(request.getChangedSince()).isEqualTo(42);
    var sent = request.getSections(0);
    assertThat(sent.getPart()).isEqualTo("1.2");
    assertThat(sent.getText()).isEqualTo(SectionText.SECTION_HEADER_FIELDS);
    assertThat(sent.getHeaderFieldsList()).containsExactly("Subject");
    assertThat(sent.getPartial()).isTrue();
    assertThat(sent.getPartialOffset()).isEqualTo(5);
    assertThat(sent.getPartialLength()).isEqualTo(9);
  }

  @Test
  void aSectionIsItsBytesAndAsksNothingElse() {
    var bytes = new ByteArrayOutputStream();

    client
        .section(ALICE, INBOX, 1, FetchSpec.Section.header())
        .subscribe()
        .asStream()
        .forEach(bytes::writeBytes);

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("Subject: hi\r\n");
    var request = fake.last.get();
    assertThat(request.getSections(0).getText()).isEqualTo(SectionText.SECTION_HEADER);
    assertThat(request.getFlags()).isFalse();
    assertThat(request.getSetSeen()).isFalse();
  }

  @Test
  void aMessageThatIsGoneIsNotAnEmptyOne() {
    assertThatThrownBy(
            () ->
                client
                    .section(ALICE, INBOX, 3, FetchSpec.Section.whole())
                    .collect()
                    .asList()
                    .await()
                    .atMost(Duration.ofSeconds(15)))
        .isInstanceOfSatisfying(
            StoreFailure.class,
            f -> assertThat(f.reason()).isEqualTo(StoreFailure.Reason.NONEXISTENT));
  }

  @Test
  void theChunksOfASectionReadOnAVertxContextArriveOnIt() throws Exception {
    var vertx = Vertx.vertx();
    try {
      Context context = vertx.getOrCreateContext();
      var contexts = new CopyOnWriteArrayList<Context>();
      var done = new CompletableFuture<Void>();
      context.runOnContext(
          ignored ->
              client
                  .section(ALICE, INBOX, 1, FetchSpec.Section.whole())
                  .subscribe()
                  .with(
                      chunk -> contexts.add(Vertx.currentContext()),
                      done::completeExceptionally,
                      () -> done.complete(null)));

      done.get(15, TimeUnit.SECONDS);
      assertThat(contexts).hasSize(2).allMatch(c -> c == context);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aSlowReaderHoldsBackTheStore() throws InterruptedException {
    var reader =
        client
            .section(ALICE, INBOX, 2, FetchSpec.Section.whole())
            .subscribe()
            .withSubscriber(AssertSubscriber.<byte[]>create(1));
    reader.awaitItems(1, Duration.ofSeconds(15));
    Thread.sleep(500);

    assertThat(fake.bigChunksSent.get())
        .as("chunks the store could send to a reader that took one of 400")
        .isLessThan(BIG_CHUNKS / 4);

    reader.request(Long.MAX_VALUE);
    reader.awaitCompletion(Duration.ofSeconds(30));
    assertThat(reader.getItems()).hasSize(BIG_CHUNKS);
  }
}
