package io.mailroom.imap.fake;

import io.grpc.Status;
import io.mailroom.store.api.v1.AppendReply;
import io.mailroom.store.api.v1.AppendRequest;
import io.mailroom.store.api.v1.ChangesReply;
import io.mailroom.store.api.v1.ChangesRequest;
import io.mailroom.store.api.v1.CopyReply;
import io.mailroom.store.api.v1.CopyRequest;
import io.mailroom.store.api.v1.ErrorCode;
import io.mailroom.store.api.v1.ExpungeMode;
import io.mailroom.store.api.v1.ExpungeReply;
import io.mailroom.store.api.v1.ExpungeRequest;
import io.mailroom.store.api.v1.FetchReply;
import io.mailroom.store.api.v1.FetchRequest;
import io.mailroom.store.api.v1.MailboxRef;
import io.mailroom.store.api.v1.MessageStates;
import io.mailroom.store.api.v1.Messages;
import io.mailroom.store.api.v1.SearchReply;
import io.mailroom.store.api.v1.SearchRequest;
import io.mailroom.store.api.v1.SelectReply;
import io.mailroom.store.api.v1.SelectRequest;
import io.mailroom.store.api.v1.StoreFlagsReply;
import io.mailroom.store.api.v1.StoreFlagsRequest;
import io.mailroom.store.api.v1.UidRange;
import io.mailroom.store.api.v1.UidSet;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;

@GrpcService
public class FakeMessagesService implements Messages {
  private final FakeStore store;

  FakeMessagesService(FakeStore store) {
    this.store = store;
  }

  /**
   * A unary call's work, run under the store's lock when subscribed. The caller's token is read
   * here, on the calling thread: TokenInterceptor.TOKEN is a gRPC Context key.
   */
  private <T> Uni<T> locked(Function<String, T> work) {
    String token = token();
    return Uni.createFrom().item(() -> underLock(work, token));
  }

  /** As {@link #locked}, for a streamed reply: every item is built under the one lock. */
  private <T> Multi<T> lockedStream(Function<String, List<T>> work) {
    String token = token();
    return Multi.createFrom().deferred(() -> Multi.createFrom().iterable(underLock(work, token)));
  }

  private <T> T underLock(Function<String, T> work, String token) {
    synchronized (store) {
      return work.apply(token);
    }
  }

  private static String token() {
    return TokenInterceptor.TOKEN.get();
  }

  @Override
  public Multi<SelectReply> select(SelectRequest request) {
    return lockedStream(
        token -> {
          var box = store.mailbox(store.byToken(token), request.getName());
          long firstRecent = box.recentClaimedUpTo + 1;
          if (!request.getReadOnly()) {
            box.recentClaimedUpTo = box.uidNext - 1;
          }
          var info = FakeMapping.mailboxInfo(box, firstRecent, request.getReadOnly());
          var replies = new ArrayList<SelectReply>();
          replies.add(SelectReply.newBuilder().setMailbox(info).build());
          var page = MessageStates.newBuilder();
          for (var m : box.messages.values()) {
            page.addStates(FakeMapping.state(m));
            if (page.getStatesCount() == 2) { // small pages, to exercise paging
              replies.add(SelectReply.newBuilder().setPage(page).build());
              page = MessageStates.newBuilder();
            }
          }
          if (page.getStatesCount() > 0) {
            replies.add(SelectReply.newBuilder().setPage(page).build());
          }
          return replies;
        });
  }

  @Override
  public Multi<FetchReply> fetch(FetchRequest request) {
    store.fetchCalls.incrementAndGet();
    var gate = store.fetchGate; // held without blocking: the fake's services run on an event loop
    var stream =
        lockedStream(
            token -> {
              var replies = new ArrayList<FetchReply>();
              var box = box(token, request.getMailbox());
              for (var m : box.messagesIn(request.getUids())) {
                if (request.getChangedSince() > 0 && m.modseq <= request.getChangedSince()) {
                  continue;
                }
                if (request.getSetSeen() && m.flags.add("\\Seen")) {
                  m.modseq = box.bump();
                }
                replies.add(FetchReply.newBuilder().setMeta(FakeMapping.meta(m, request)).build());
                for (int i = 0; i < request.getSectionsCount(); i++) {
                  replies.addAll(FakeSections.chunks(m, i, request.getSections(i)));
                }
              }
              return replies;
            });
    return gate == null
        ? stream
        : Uni.createFrom().completionStage(gate).onItem().transformToMulti(x -> stream);
  }

  @Override
  public Uni<AppendReply> append(Multi<AppendRequest> requests) {
    String token = token();
    return requests
        .collect()
        .asList()
        .map(
            list -> {
              var account = store.byToken(token);
              if (list.isEmpty() || !list.get(0).hasHeader()) {
                throw Status.INVALID_ARGUMENT.withDescription("no header").asRuntimeException();
              }
              var header = list.get(0).getHeader();
              if (header.getSize() > FakeStore.APPEND_LIMIT) {
                throw FakeStore.failure(Status.RESOURCE_EXHAUSTED, ErrorCode.TOOBIG, "too big");
              }
              var bytes = new ByteArrayOutputStream();
              list.stream().skip(1).forEach(r -> bytes.writeBytes(r.getData().toByteArray()));
              if (bytes.size() != header.getSize()) {
                throw Status.INVALID_ARGUMENT.withDescription("size mismatch").asRuntimeException();
              }
              synchronized (store) {
                var box = store.mailboxOrNull(account, header.getMailbox());
                if (box == null) {
                  throw FakeStore.failure(Status.NOT_FOUND, ErrorCode.TRYCREATE, "no mailbox");
                }
                long date =
                    header.getInternalDateEpochMs() == 0
                        ? System.currentTimeMillis()
                        : header.getInternalDateEpochMs();
                long uid = store.add(box, bytes.toByteArray(), date, header.getFlagsList());
                return AppendReply.newBuilder()
                    .setMailboxId(box.id)
                    .setUidValidity((int) box.uidValidity)
                    .setUid((int) uid)
                    .setModseq(box.highestModseq)
                    .build();
              }
            })
        .onTermination()
        .invoke(store.appendsEnded::incrementAndGet);
  }

  @Override
  public Uni<StoreFlagsReply> storeFlags(StoreFlagsRequest request) {
    return locked(
        token -> {
          var box = box(token, request.getMailbox());
          var reply = StoreFlagsReply.newBuilder();
          long modseq = 0;
          long unchangedSince = request.getUnchangedSince();
          var modified = UidSet.newBuilder();
          for (var m : box.messagesIn(request.getUids())) {
            if (unchangedSince > 0 && m.modseq > unchangedSince) {
              modified.addRanges(UidRange.newBuilder().setFirst((int) m.uid).setLast((int) m.uid));
              continue;
            }
            var before = new LinkedHashSet<>(m.flags);
            switch (request.getMode()) {
              case FLAG_MODE_ADD -> m.flags.addAll(request.getFlagsList());
              case FLAG_MODE_REMOVE -> request.getFlagsList().forEach(m.flags::remove);
              default -> {
                m.flags.clear();
                m.flags.addAll(request.getFlagsList());
              }
            }
            if (!before.equals(m.flags)) {
              modseq = modseq == 0 ? box.bump() : modseq;
              m.modseq = modseq;
              reply.addUpdated(FakeMapping.state(m));
            }
          }
          return reply.setModified(modified).setHighestModseq(box.highestModseq).build();
        });
  }

  @Override
  public Uni<CopyReply> copy(CopyRequest request) {
    return locked(
        token -> {
          var account = store.byToken(token);
          var source = box(token, request.getSource());
          var target = store.mailboxOrNull(account, request.getTarget());
          if (target == null) {
            throw FakeStore.failure(Status.NOT_FOUND, ErrorCode.TRYCREATE, "no target");
          }
          var reply = CopyReply.newBuilder().setTargetMailboxId(target.id);
          reply.setTargetUidValidity((int) target.uidValidity);
          for (var m : source.messagesIn(request.getUids())) {
            long uid = store.add(target, m.bytes, m.internalDate, new ArrayList<>(m.flags));
            reply.addSourceUids((int) m.uid).addTargetUids((int) uid);
          }
          if (request.getMove()) {
            long modseq = source.bump();
            for (int uid : reply.getSourceUidsList()) {
              source.expunge(uid, modseq);
              reply.addExpungedUids(uid);
            }
          }
          return reply.setSourceHighestModseq(source.highestModseq).build();
        });
  }

  @Override
  public Uni<ExpungeReply> expunge(ExpungeRequest request) {
    return locked(
        token -> {
          var box = box(token, request.getMailbox());
          var reply = ExpungeReply.newBuilder();
          var candidates =
              request.getMode() == ExpungeMode.EXPUNGE_MODE_ALL_DELETED
                  ? new ArrayList<>(box.messages.values())
                  : box.messagesIn(request.getUids());
          long modseq = 0;
          for (var m : candidates) {
            if (request.getMode() != ExpungeMode.EXPUNGE_MODE_ALL_IN_SET
                && !m.flags.contains("\\Deleted")) {
              continue;
            }
            modseq = modseq == 0 ? box.bump() : modseq;
            box.expunge(m.uid, modseq);
            reply.addExpungedUids((int) m.uid);
          }
          return reply.setHighestModseq(box.highestModseq).build();
        });
  }

  @Override
  public Uni<SearchReply> search(SearchRequest request) {
    return locked(
        token -> {
          var box = box(token, request.getMailbox());
          var reply = SearchReply.newBuilder();
          long highest = 0;
          for (var m : box.messages.values()) {
            if (FakeSearch.matches(m, request.getKey())) {
              reply.addUids((int) m.uid);
              highest = Math.max(highest, m.modseq);
            }
          }
          return reply.setHighestModseq(highest).build();
        });
  }

  @Override
  public Uni<ChangesReply> changes(ChangesRequest request) {
    return locked(
        token -> {
          var box = box(token, request.getMailbox());
          var reply =
              ChangesReply.newBuilder()
                  .setUidNext((int) box.uidNext)
                  .setHighestModseq(box.highestModseq)
                  .setMessages(box.messages.size());
          for (var m : box.messages.values()) {
            if (m.modseq > request.getSinceModseq()) {
              reply.addChanged(FakeMapping.state(m));
            }
          }
          box.expunged.forEach(
              (uid, modseq) -> {
                if (modseq > request.getSinceModseq()) {
                  reply.addExpungedUids(uid.intValue());
                }
              });
          return reply.build();
        });
  }

  // ------------------------------------------------------------------ helpers

  private FakeStore.Mailbox box(String token, MailboxRef ref) {
    return store.mailbox(
        store.byToken(token), ref.getMailboxId(), Integer.toUnsignedLong(ref.getUidValidity()));
  }
}
