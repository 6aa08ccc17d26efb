package io.mailroom.store.testkit;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.mailroom.store.api.v1.ErrorCode;
import io.mailroom.store.api.v1.ExpungeReply;
import io.mailroom.store.api.v1.ExpungeRequest;
import io.mailroom.store.api.v1.FetchReply;
import io.mailroom.store.api.v1.FetchRequest;
import io.mailroom.store.api.v1.MailboxRef;
import io.mailroom.store.api.v1.MessageMeta;
import io.mailroom.store.api.v1.MessageState;
import io.mailroom.store.api.v1.MessagesGrpc;
import io.mailroom.store.api.v1.SectionChunk;
import io.mailroom.store.api.v1.StoreFlagsReply;
import io.mailroom.store.api.v1.StoreFlagsRequest;
import io.mailroom.store.api.v1.UidSet;
import io.quarkus.grpc.GrpcService;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The Messages service's Fetch (BODY[], BODY[HEADER], BODY[TEXT], chunked), StoreFlags and Expunge
 * on the INBOX. Written against the plain gRPC API rather than Mutiny so that Fetch honours flow
 * control: Quarkus subscribes to a returned Multi with unbounded demand, which would push a whole
 * message into the transport at once and hide how fast a caller really pulls.
 */
@GrpcService
public class InMemoryMessages extends MessagesGrpc.MessagesImplBase {
  private final InMemoryStore store;

  public InMemoryMessages(InMemoryStore store) {
    this.store = store;
  }

  @Override
  public void fetch(FetchRequest request, StreamObserver<FetchReply> observer) {
    List<FetchReply> replies;
    try {
      replies = replies(StoreErrors.account(), request);
    } catch (StatusRuntimeException e) {
      observer.onError(e);
      return;
    }
    ReadyPump.send(replies, (ServerCallStreamObserver<FetchReply>) observer, store);
  }

  private List<FetchReply> replies(String account, FetchRequest request) {
    checkInbox(account, request.getMailbox());
    if (request.getSetSeen()) {
      for (StoredMessage m : store.inbox(account)) {
        if (contains(request.getUids(), m.uid())) {
          m.addFlags(List.of("\\Seen"));
        }
      }
    }
    var replies = new ArrayList<FetchReply>();
    for (StoredMessage m : store.inbox(account)) {
      if (contains(request.getUids(), m.uid())) {
        replies.add(FetchReply.newBuilder().setMeta(meta(m, request)).build());
        for (int s = 0; s < request.getSectionsCount(); s++) {
          chunks(m, s, SectionBytes.of(m.sharedBytes(), request.getSections(s)), replies);
        }
      }
    }
    return replies;
  }

  /** Only what was asked for, as the real store answers. */
  private static MessageMeta meta(StoredMessage m, FetchRequest request) {
    var meta = MessageMeta.newBuilder().setUid((int) m.uid());
    if (request.getFlags()) {
      meta.addAllFlags(m.flags());
    }
    if (request.getSize()) {
      meta.setSize(m.sharedBytes().length);
    }
    if (request.getEmailId()) {
      meta.setEmailId(m.uidl());
    }
    return meta.build();
  }

  /** A section in chunks; an empty section is one empty last chunk. */
  private void chunks(StoredMessage m, int index, byte[] section, List<FetchReply> replies) {
    int size = store.chunkSize();
    int offset = 0;
    do {
      int end = Math.min(section.length, offset + size);
      replies.add(
          FetchReply.newBuilder()
              .setChunk(
                  SectionChunk.newBuilder()
                      .setUid((int) m.uid())
                      .setSectionIndex(index)
                      .setTotalLength(section.length)
                      .setData(ByteString.copyFrom(section, offset, end - offset))
                      .setLast(end == section.length))
              .build());
      offset = end;
    } while (offset < section.length);
  }

  @Override
  public void storeFlags(StoreFlagsRequest request, StreamObserver<StoreFlagsReply> observer) {
    unary(observer, account -> storeFlags(account, request));
  }

  /** Answers the messages whose flags changed, as the real store does; the others are left out. */
  private StoreFlagsReply storeFlags(String account, StoreFlagsRequest request) {
    checkInbox(account, request.getMailbox());
    Function<StoredMessage, Boolean> change =
        switch (request.getMode()) {
          case FLAG_MODE_ADD -> m -> m.addFlags(request.getFlagsList());
          case FLAG_MODE_REMOVE -> m -> m.removeFlags(request.getFlagsList());
          case FLAG_MODE_REPLACE -> m -> m.replaceFlags(request.getFlagsList());
          default -> throw StoreErrors.refusal(Status.INVALID_ARGUMENT, null, "flag mode missing");
        };
    var reply = StoreFlagsReply.newBuilder();
    for (StoredMessage m : store.inbox(account)) {
      if (contains(request.getUids(), m.uid()) && change.apply(m)) {
        reply.addUpdated(MessageState.newBuilder().setUid((int) m.uid()).addAllFlags(m.flags()));
      }
    }
    return reply.build();
  }

  /**
   * Removes messages and answers their UIDs. The idempotency key needs no memory: UIDs are never
   * reused, so a repeated removal finds nothing left to remove (the real store does the same).
   */
  @Override
  public void expunge(ExpungeRequest request, StreamObserver<ExpungeReply> observer) {
    unary(
        observer,
        account -> {
          checkInbox(account, request.getMailbox());
          UidSet uids = request.getUids();
          List<StoredMessage> removed =
              switch (request.getMode()) {
                case EXPUNGE_MODE_ALL_IN_SET -> store.remove(account, m -> contains(uids, m.uid()));
                case EXPUNGE_MODE_DELETED_IN_SET ->
                    store.remove(account, m -> contains(uids, m.uid()) && deleted(m));
                default -> store.remove(account, InMemoryMessages::deleted);
              };
          var reply = ExpungeReply.newBuilder();
          removed.forEach(m -> reply.addExpungedUids((int) m.uid()));
          return reply.build();
        });
  }

  private static boolean deleted(StoredMessage m) {
    return m.flags().contains("\\Deleted");
  }

  private static <R> void unary(StreamObserver<R> observer, Function<String, R> call) {
    StoreErrors.answer(observer, () -> call.apply(StoreErrors.account()));
  }

  /**
   * The caller's own INBOX: another account's mailbox looks exactly like one that does not exist,
   * and a UIDVALIDITY other than the mailbox's (0: not checked) means it was re-created.
   */
  private void checkInbox(String account, MailboxRef ref) {
    Mailbox inbox = store.inboxOf(account);
    if (ref.getMailboxId() != inbox.id) {
      throw StoreErrors.refusal(Status.NOT_FOUND, ErrorCode.NONEXISTENT, "no such mailbox");
    }
    long uidValidity = Integer.toUnsignedLong(ref.getUidValidity());
    if (uidValidity != 0 && uidValidity != inbox.uidValidity) {
      throw StoreErrors.refusal(
          Status.FAILED_PRECONDITION, ErrorCode.UIDVALIDITY_CHANGED, "mailbox was re-created");
    }
  }

  private static boolean contains(UidSet set, long uid) {
    for (var range : set.getRangesList()) {
      long first = Integer.toUnsignedLong(range.getFirst());
      long last = Integer.toUnsignedLong(range.getLast());
      if (uid >= Math.min(first, last) && uid <= Math.max(first, last)) {
        return true;
      }
    }
    return false;
  }
}
