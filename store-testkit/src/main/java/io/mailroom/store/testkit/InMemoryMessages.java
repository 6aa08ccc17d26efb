package io.mailroom.store.testkit;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.mailroom.store.api.v1.AppendReply;
import io.mailroom.store.api.v1.AppendRequest;
import io.mailroom.store.api.v1.ChangesReply;
import io.mailroom.store.api.v1.ChangesRequest;
import io.mailroom.store.api.v1.CopyReply;
import io.mailroom.store.api.v1.CopyRequest;
import io.mailroom.store.api.v1.ErrorCode;
import io.mailroom.store.api.v1.ExpungeReply;
import io.mailroom.store.api.v1.ExpungeRequest;
import io.mailroom.store.api.v1.FetchReply;
import io.mailroom.store.api.v1.FetchRequest;
import io.mailroom.store.api.v1.MessageState;
import io.mailroom.store.api.v1.MessagesGrpc;
import io.mailroom.store.api.v1.SearchReply;
import io.mailroom.store.api.v1.SearchRequest;
import io.mailroom.store.api.v1.SelectReply;
import io.mailroom.store.api.v1.SelectRequest;
import io.mailroom.store.api.v1.StoreFlagsReply;
import io.mailroom.store.api.v1.StoreFlagsRequest;
import io.mailroom.store.api.v1.UidRange;
import io.mailroom.store.api.v1.UidSet;
import io.quarkus.grpc.GrpcService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The Messages service on any mailbox of the caller's: Select, Fetch (chunked, sent only as gRPC
 * flow control allows), Append, StoreFlags (CONDSTORE), Copy/Move, Expunge, Search, Changes. Every
 * change takes the mailbox's next MODSEQ, as in the real store. Written against the plain gRPC API
 * rather than Mutiny so that Fetch honours flow control, and so that refusals keep their trailer
 * outside Quarkus.
 */
@GrpcService
public class InMemoryMessages extends MessagesGrpc.MessagesImplBase {
  private final InMemoryStore store;

  public InMemoryMessages(InMemoryStore store) {
    this.store = store;
  }

  @Override
  public void select(SelectRequest request, StreamObserver<SelectReply> observer) {
    List<SelectReply> replies;
    try {
      String account = StoreErrors.account();
      replies =
          store.locked(
              () ->
                  MailboxViews.opened(
                      store
                          .named(account, MailboxNames.valid(request.getName()))
                          .orElseThrow(
                              () -> StoreErrors.refusal(ErrorCode.NONEXISTENT, "no such mailbox")),
                      request.getReadOnly()));
    } catch (StatusRuntimeException e) {
      observer.onError(e);
      return;
    }
    replies.forEach(observer::onNext);
    observer.onCompleted();
  }

  @Override
  public void fetch(FetchRequest request, StreamObserver<FetchReply> observer) {
    store.fetchCalled();
    String account;
    try {
      account = StoreErrors.account();
    } catch (StatusRuntimeException e) {
      observer.onError(e);
      return;
    }
    var pump = ReadyPump.on((ServerCallStreamObserver<FetchReply>) observer, store);
    store
        .fetchGate()
        .thenCompose(open -> slow(store.fetchDelay()))
        .whenComplete(
            (ignored, failure) -> {
              try {
                pump.send(replies(account, request));
              } catch (StatusRuntimeException e) {
                pump.fail(e);
              }
            });
  }

  private List<FetchReply> replies(String account, FetchRequest request) {
    return store.locked(() -> repliesLocked(account, request));
  }

  private List<FetchReply> repliesLocked(String account, FetchRequest request) {
    Mailbox m = store.mailbox(account, request.getMailbox());
    if (request.getSetSeen()) {
      storeFlags(m, request.getUids(), StoredMessage.FlagChange.ADD, List.of("\\Seen"), 0);
    }
    var replies = new ArrayList<FetchReply>();
    for (StoredMessage message : m.in(request.getUids())) {
      if (message.modseq() > request.getChangedSince()) {
        if (request.getSectionsCount() > 0 && store.bodyLost(message)) {
          // what the real store's GrpcErrors says of a body S3 no longer holds
          throw Status.DATA_LOSS.withDescription("message body lost").asRuntimeException();
        }
        replies.addAll(FetchReplies.of(message, request, store.chunkSize()));
      }
    }
    return replies;
  }

  /** A Fetch of a slow store ({@link InMemoryStore#fetchDelay}) answers only after the delay. */
  private static CompletionStage<Void> slow(Duration delay) {
    if (delay.isZero()) {
      return CompletableFuture.completedFuture(null);
    }
    return CompletableFuture.runAsync(
        () -> {}, CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS));
  }

  @Override
  public StreamObserver<AppendRequest> append(StreamObserver<AppendReply> observer) {
    String account;
    try {
      account = StoreErrors.account();
    } catch (StatusRuntimeException e) {
      observer.onError(e);
      return new DiscardingObserver<>();
    }
    return new InMemoryAppend(store, account, observer);
  }

  /** Answers the messages whose flags changed, as the real store does; the others are left out. */
  @Override
  public void storeFlags(StoreFlagsRequest request, StreamObserver<StoreFlagsReply> observer) {
    unary(
        observer,
        (account, m) -> {
          StoredMessage.FlagChange change =
              switch (request.getMode()) {
                case FLAG_MODE_ADD -> StoredMessage.FlagChange.ADD;
                case FLAG_MODE_REMOVE -> StoredMessage.FlagChange.REMOVE;
                case FLAG_MODE_REPLACE -> StoredMessage.FlagChange.REPLACE;
                default -> throw StoreErrors.badRequest("flag mode missing");
              };
          long since = request.getUnchangedSince();
          var modified = UidSet.newBuilder();
          if (since > 0) {
            // judged on the state before this change
            for (StoredMessage message : m.in(request.getUids())) {
              if (message.modseq() > since) {
                modified.addRanges(range(message.uid()));
              }
            }
          }
          var updated = storeFlags(m, request.getUids(), change, request.getFlagsList(), since);
          return StoreFlagsReply.newBuilder()
              .addAllUpdated(updated)
              .setModified(modified)
              .setHighestModseq(m.highestModseq)
              .build();
        },
        request.getMailbox(),
        account ->
            new StoreCall(
                "flags", account, request.getIdempotencyKey(), request.getFlagsList().toString()));
  }

  /** One flag change under one new MODSEQ, taken only when some message changes. */
  private static List<MessageState> storeFlags(
      Mailbox m,
      UidSet uids,
      StoredMessage.FlagChange change,
      List<String> flags,
      long unchangedSince) {
    long modseq = m.highestModseq + 1;
    var updated = new ArrayList<MessageState>();
    for (StoredMessage message : m.in(uids)) {
      if (unchangedSince > 0 && message.modseq() > unchangedSince) {
        continue;
      }
      TreeSet<String> after = message.flagsAfter(change, flags);
      if (message.setFlags(after, modseq)) {
        updated.add(MailboxViews.state(message));
      }
    }
    if (!updated.isEmpty()) {
      m.highestModseq = modseq;
    }
    return updated;
  }

  @Override
  public void copy(CopyRequest request, StreamObserver<CopyReply> observer) {
    unary(
        observer,
        (account, source) -> MessageCopies.copy(store, account, source, request),
        request.getSource(),
        account ->
            new StoreCall(
                request.getMove() ? "move" : "copy",
                account,
                request.getIdempotencyKey(),
                request.getTarget()));
  }

  /**
   * Removes messages and answers their UIDs. The idempotency key needs no memory: UIDs are never
   * reused, so a repeated removal finds nothing left to remove (the real store does the same).
   */
  @Override
  public void expunge(ExpungeRequest request, StreamObserver<ExpungeReply> observer) {
    unary(
        observer,
        (account, m) -> {
          List<StoredMessage> which =
              switch (request.getMode()) {
                case EXPUNGE_MODE_ALL_IN_SET -> m.in(request.getUids());
                case EXPUNGE_MODE_DELETED_IN_SET ->
                    m.in(request.getUids()).stream().filter(x -> x.hasFlag("\\Deleted")).toList();
                default ->
                    m.messages.values().stream().filter(x -> x.hasFlag("\\Deleted")).toList();
              };
          List<Long> removed = m.expunge(which);
          var reply = ExpungeReply.newBuilder().setHighestModseq(m.highestModseq);
          removed.forEach(uid -> reply.addExpungedUids(uid.intValue()));
          return reply.build();
        },
        request.getMailbox(),
        account ->
            new StoreCall(
                "expunge", account, request.getIdempotencyKey(), request.getMode().name()));
  }

  @Override
  public void search(SearchRequest request, StreamObserver<SearchReply> observer) {
    unary(
        observer,
        (account, m) -> {
          var reply = SearchReply.newBuilder();
          long highest = 0;
          for (StoredMessage message : MessageQuery.matching(m, request.getKey())) {
            reply.addUids((int) message.uid());
            highest = Math.max(highest, message.modseq());
          }
          return reply.setHighestModseq(highest).build();
        },
        request.getMailbox());
  }

  /** What changed since a MODSEQ; a mailbox of another UIDVALIDITY says only that. */
  @Override
  public void changes(ChangesRequest request, StreamObserver<ChangesReply> observer) {
    var any = request.getMailbox().toBuilder().setUidValidity(0).build();
    unary(
        observer,
        (account, m) -> {
          long asked = Integer.toUnsignedLong(request.getMailbox().getUidValidity());
          return MailboxViews.changes(
              m, request.getSinceModseq(), asked != 0 && asked != m.uidValidity);
        },
        any);
  }

  static UidRange range(long uid) {
    return UidRange.newBuilder().setFirst((int) uid).setLast((int) uid).build();
  }

  /** A unary call on one mailbox of the caller's, under the store's lock. */
  private <R> void unary(
      StreamObserver<R> observer,
      BiFunction<String, Mailbox, R> call,
      io.mailroom.store.api.v1.MailboxRef ref) {
    unary(observer, call, ref, null);
  }

  /** A changing unary call, logged ({@link InMemoryStore#calls}) on arrival, refused or not. */
  private <R> void unary(
      StreamObserver<R> observer,
      BiFunction<String, Mailbox, R> call,
      io.mailroom.store.api.v1.MailboxRef ref,
      Function<String, StoreCall> logged) {
    StoreErrors.answer(
        observer,
        () -> {
          String account = StoreErrors.account();
          if (logged != null) {
            store.called(logged.apply(account));
          }
          return store.locked(() -> call.apply(account, store.mailbox(account, ref)));
        });
  }

  /** Where the requests of a call refused before it started go. */
  private static final class DiscardingObserver<T> implements StreamObserver<T> {
    @Override
    public void onNext(T value) {}

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }
}
