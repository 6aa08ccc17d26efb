package io.mailroom.store.client.message;

import static io.mailroom.store.client.TestStore.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.stub.StreamObserver;
import io.mailroom.store.api.v1.AppendReply;
import io.mailroom.store.api.v1.AppendRequest;
import io.mailroom.store.api.v1.CopyReply;
import io.mailroom.store.api.v1.CopyRequest;
import io.mailroom.store.api.v1.ExpungeMode;
import io.mailroom.store.api.v1.ExpungeReply;
import io.mailroom.store.api.v1.ExpungeRequest;
import io.mailroom.store.api.v1.FlagMode;
import io.mailroom.store.api.v1.MessageState;
import io.mailroom.store.api.v1.MessagesGrpc;
import io.mailroom.store.api.v1.SearchKind;
import io.mailroom.store.api.v1.SearchReply;
import io.mailroom.store.api.v1.SearchRequest;
import io.mailroom.store.api.v1.StoreFlagsReply;
import io.mailroom.store.api.v1.StoreFlagsRequest;
import io.mailroom.store.api.v1.UidRange;
import io.mailroom.store.client.TestStore;
import io.mailroom.store.client.auth.ServiceCaller;
import io.mailroom.store.client.mailbox.MailboxRef;
import io.smallrye.mutiny.Multi;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Flags, copy and move, expunge, append and search: what reaches the store, what comes back. */
class MessageUpdateClientTest {
  private static final ServiceCaller FILTER = new ServiceCaller("svc", "alice");
  private static final MailboxRef INBOX = new MailboxRef(7, 3_000_000_000L);

  private static final class FakeMessages extends MessagesGrpc.MessagesImplBase {
    final List<Object> requests = new ArrayList<>();
    final ByteArrayOutputStream appended = new ByteArrayOutputStream();

    @Override
    public void storeFlags(StoreFlagsRequest request, StreamObserver<StoreFlagsReply> replies) {
      requests.add(request);
      replies.onNext(
          StoreFlagsReply.newBuilder()
              .addUpdated(MessageState.newBuilder().setUid(3).addFlags("\\Seen").setModseq(8))
              .setModified(
                  io.mailroom.store.api.v1.UidSet.newBuilder()
                      .addRanges(UidRange.newBuilder().setFirst(5).setLast(6)))
              .setHighestModseq(8)
              .build());
      replies.onCompleted();
    }

    @Override
    public void copy(CopyRequest request, StreamObserver<CopyReply> replies) {
      requests.add(request);
      replies.onNext(
          CopyReply.newBuilder()
              .setTargetMailboxId(9)
              .setTargetUidValidity(-2)
              .addSourceUids(3)
              .addTargetUids(-1)
              .addExpungedUids(3)
              .build());
      replies.onCompleted();
    }

    @Override
    public void expunge(ExpungeRequest request, StreamObserver<ExpungeReply> replies) {
      requests.add(request);
      replies.onNext(ExpungeReply.newBuilder().addExpungedUids(3).build());
      replies.onCompleted();
    }

    @Override
    public void search(SearchRequest request, StreamObserver<SearchReply> replies) {
      requests.add(request);
      replies.onNext(SearchReply.newBuilder().addUids(1).addUids(-1).setHighestModseq(4).build());
      replies.onCompleted();
    }

    @Override
    public StreamObserver<AppendRequest> append(StreamObserver<AppendReply> replies) {
      return new StreamObserver<>() {
        @Override
        public void onNext(AppendRequest request) {
          if (request.hasHeader()) {
            requests.add(request.getHeader());
          } else {
            appended.writeBytes(request.getData().toByteArray());
          }
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {
          replies.onNext(
              AppendReply.newBuilder().setMailboxId(7).setUidValidity(-1).setUid(12).build());
          replies.onCompleted();
        }
      };
    }
  }

  private final FakeMessages fake = new FakeMessages();
  private final TestStore store = new TestStore(fake);
  private final MessageUpdateClient updates =
      new MessageUpdateClient(TestStore.calls(), store.stubs());

  @AfterEach
  void close() throws InterruptedException {
    store.close();
  }

  @Test
  void flagsAreStoredConditionallyAndOnce() {
    var stored =
        await(
            updates.storeFlags(
                FILTER,
                INBOX,
                UidSet.of(List.of(4L, 3L, 3L)),
                FlagUpdate.add(List.of("\\Seen")).unchangedSince(7).once("k-1")));

    assertThat(stored.updated()).hasSize(1);
    assertThat(stored.modified()).containsExactly(5L, 6L);
    assertThat(stored.highestModseq()).isEqualTo(8);
    var request = (StoreFlagsRequest) fake.requests.get(0);
    assertThat(request.getMode()).isEqualTo(FlagMode.FLAG_MODE_ADD);
    assertThat(request.getUnchangedSince()).isEqualTo(7);
    assertThat(request.getIdempotencyKey()).isEqualTo("k-1");
    assertThat(request.getUids().getRangesList())
        .containsExactly(UidRange.newBuilder().setFirst(3).setLast(4).build());
    assertThat(Integer.toUnsignedLong(request.getMailbox().getUidValidity()))
        .isEqualTo(3_000_000_000L);
    assertThat(store.header("x-mailroom-account")).isEqualTo("alice");
  }

  @Test
  void aSieveFileintoCreatesTheTargetAndFlagsTheCopy() {
    var copied =
        await(
            updates.copy(
                FILTER,
                INBOX,
                UidSet.one(3),
                CopySpec.moveTo("Archive")
                    .creatingTarget()
                    .addingFlags(List.of("\\Flagged"))
                    .once("k-2")));

    assertThat(copied.targetUidValidity()).isEqualTo(4294967294L);
    assertThat(copied.targetUids()).containsExactly(4294967295L);
    assertThat(copied.expunged()).containsExactly(3L);
    var request = (CopyRequest) fake.requests.get(0);
    assertThat(request.getMove()).isTrue();
    assertThat(request.getCreateTarget()).isTrue();
    assertThat(request.getAddFlagsList()).containsExactly("\\Flagged");
    assertThat(request.getIdempotencyKey()).isEqualTo("k-2");
  }

  @Test
  void imapExpungeRemovesDeletedMessagesAndPop3RemovesExactlyTheGivenOnes() {
    await(updates.expungeDeleted(FILTER, INBOX, Optional.empty()));
    await(updates.expungeDeleted(FILTER, INBOX, Optional.of(UidSet.one(3))));
    var removed = await(updates.remove(FILTER, INBOX, UidSet.of(List.of(3L)), "quit-1"));

    assertThat(removed).containsExactly(3L);
    var modes = fake.requests.stream().map(r -> ((ExpungeRequest) r).getMode()).toList();
    assertThat(modes)
        .containsExactly(
            ExpungeMode.EXPUNGE_MODE_ALL_DELETED,
            ExpungeMode.EXPUNGE_MODE_DELETED_IN_SET,
            ExpungeMode.EXPUNGE_MODE_ALL_IN_SET);
    assertThat(((ExpungeRequest) fake.requests.get(2)).getIdempotencyKey()).isEqualTo("quit-1");
  }

  @Test
  void aSearchSendsTheQueryTreeAndAnswersUnsignedUids() {
    var search = new SearchClient(TestStore.calls(), store.stubs());
    var query =
        new Query.And(List.of(new Query.Flag("\\Seen", false), new Query.Not(new Query.ModSeq(3))));

    var found = await(search.search(FILTER, INBOX, query));

    assertThat(found.uids()).containsExactly(1L, 4294967295L);
    assertThat(found.highestModseq()).isEqualTo(4);
    var key = ((SearchRequest) fake.requests.get(0)).getKey();
    assertThat(key.getKind()).isEqualTo(SearchKind.SEARCH_KIND_AND);
    assertThat(key.getChildren(0).getKind()).isEqualTo(SearchKind.SEARCH_KIND_FLAG_UNSET);
    assertThat(key.getChildren(1).getChildren(0).getNumber()).isEqualTo(3);
  }

  @Test
  void anAppendSendsItsHeaderThenTheBytes() {
    var append = new AppendClient(TestStore.calls(), store.stubs());
    var spec = new AppendSpec("Sent", List.of("\\Seen"), 1_700_000_000_000L, 60, 11);
    var data =
        Multi.createFrom().items("hello", " world").map(s -> s.getBytes(StandardCharsets.US_ASCII));

    var appended = await(append.append(FILTER, spec, data));

    assertThat(appended).isEqualTo(new Appended(7, 4294967295L, 12));
    var header = (io.mailroom.store.api.v1.AppendHeader) fake.requests.get(0);
    assertThat(header.getMailbox()).isEqualTo("Sent");
    assertThat(header.getSize()).isEqualTo(11);
    assertThat(header.getInternalDateOffsetMinutes()).isEqualTo(60);
    assertThat(fake.appended.toString(StandardCharsets.US_ASCII)).isEqualTo("hello world");
  }
}
