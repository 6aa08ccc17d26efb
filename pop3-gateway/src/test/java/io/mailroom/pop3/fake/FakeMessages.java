package io.mailroom.pop3.fake;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.mailroom.store.api.v1.BodySection;
import io.mailroom.store.api.v1.ErrorCode;
import io.mailroom.store.api.v1.ExpungeMode;
import io.mailroom.store.api.v1.ExpungeReply;
import io.mailroom.store.api.v1.ExpungeRequest;
import io.mailroom.store.api.v1.FetchReply;
import io.mailroom.store.api.v1.FetchRequest;
import io.mailroom.store.api.v1.FlagMode;
import io.mailroom.store.api.v1.MailboxRef;
import io.mailroom.store.api.v1.MessageMeta;
import io.mailroom.store.api.v1.MessageState;
import io.mailroom.store.api.v1.MessagesGrpc;
import io.mailroom.store.api.v1.SectionChunk;
import io.mailroom.store.api.v1.SectionText;
import io.mailroom.store.api.v1.StoreFlagsReply;
import io.mailroom.store.api.v1.StoreFlagsRequest;
import io.mailroom.store.api.v1.UidSet;
import io.quarkus.grpc.GrpcService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Fetch of BODY[], BODY[HEADER] and BODY[TEXT] in small chunks; flags; expunge by UID. Written
 * against the plain gRPC API rather than Mutiny so that Fetch can honour flow control: Quarkus
 * subscribes to a returned Multi with unbounded demand, which would push the whole message into the
 * transport at once and hide how fast the gateway really pulls.
 */
@GrpcService
public class FakeMessages extends MessagesGrpc.MessagesImplBase {
  /**
   * Section chunks handed to the transport, counted as the transport becomes ready for them: the
   * gateway's demand (through gRPC's flow-control window) decides how far this gets, so a test can
   * see how much of a message was pulled while the client read slowly, or how early TOP stopped.
   */
  public static final AtomicInteger CHUNKS_SENT = new AtomicInteger();

  private final FakeMailData data;

  FakeMessages(FakeMailData data) {
    this.data = data;
  }

  @Override
  public void fetch(FetchRequest request, StreamObserver<FetchReply> observer) {
    List<FetchReply> replies;
    try {
      replies = replies(FakeErrors.account(), request);
    } catch (StatusRuntimeException e) {
      observer.onError(e);
      return;
    }
    sendWhenReady(replies, (ServerCallStreamObserver<FetchReply>) observer);
  }

  /**
   * Sends the next reply only while the transport is ready for it: what a store that streams a
   * message with flow control does, and what the gateway's demand-driven Fetch is built for.
   */
  private static void sendWhenReady(
      List<FetchReply> replies, ServerCallStreamObserver<FetchReply> call) {
    var next = new AtomicInteger();
    var finished = new AtomicBoolean();
    call.setOnCancelHandler(() -> finished.set(true));
    Runnable pump =
        () -> {
          synchronized (call) {
            while (!finished.get() && call.isReady()) {
              int i = next.getAndIncrement();
              if (i == replies.size()) {
                finished.set(true);
                call.onCompleted();
                return;
              }
              if (replies.get(i).hasChunk()) {
                CHUNKS_SENT.incrementAndGet();
              }
              call.onNext(replies.get(i));
            }
          }
        };
    call.setOnReadyHandler(pump);
    pump.run();
  }

  private List<FetchReply> replies(String account, FetchRequest request) {
    checkInbox(request.getMailbox());
    var replies = new ArrayList<FetchReply>();
    List<FakeMailData.Message> inbox = data.inbox(account);
    for (var m : inbox) {
      if (!contains(request.getUids(), m.uid)) {
        continue;
      }
      if (request.getSetSeen()) {
        m.flags.add("\\Seen");
      }
      replies.add(
          FetchReply.newBuilder()
              .setMeta(
                  MessageMeta.newBuilder()
                      .setUid(m.uid)
                      .setSize(m.bytes.length)
                      .setEmailId(m.uidl)
                      .addAllFlags(m.flags))
              .build());
      for (int s = 0; s < request.getSectionsCount(); s++) {
        byte[] section = section(m.bytes, request.getSections(s));
        int size = data.chunkSize;
        int offset = 0;
        do {
          int end = Math.min(section.length, offset + size);
          replies.add(
              FetchReply.newBuilder()
                  .setChunk(
                      SectionChunk.newBuilder()
                          .setUid(m.uid)
                          .setSectionIndex(s)
                          .setTotalLength(section.length)
                          .setData(ByteString.copyFrom(section, offset, end - offset))
                          .setLast(end == section.length))
                  .build());
          offset = end;
        } while (offset < section.length);
      }
    }
    return replies;
  }

  @Override
  public void storeFlags(StoreFlagsRequest request, StreamObserver<StoreFlagsReply> observer) {
    unary(observer, () -> storeFlags(FakeErrors.account(), request));
  }

  private StoreFlagsReply storeFlags(String account, StoreFlagsRequest request) {
    checkInbox(request.getMailbox());
    var reply = StoreFlagsReply.newBuilder();
    for (var m : data.inbox(account)) {
      if (contains(request.getUids(), m.uid) && request.getMode() == FlagMode.FLAG_MODE_ADD) {
        m.flags.addAll(request.getFlagsList());
        reply.addUpdated(MessageState.newBuilder().setUid(m.uid).addAllFlags(m.flags));
      }
    }
    return reply.build();
  }

  @Override
  public void expunge(ExpungeRequest request, StreamObserver<ExpungeReply> observer) {
    unary(observer, () -> expunge(FakeErrors.account(), request));
  }

  private ExpungeReply expunge(String account, ExpungeRequest request) {
    checkInbox(request.getMailbox());
    if (request.getMode() != ExpungeMode.EXPUNGE_MODE_ALL_IN_SET) {
      throw Status.UNIMPLEMENTED.asRuntimeException();
    }
    Set<Integer> uids = new HashSet<>();
    for (var m : data.inbox(account)) {
      if (contains(request.getUids(), m.uid)) {
        uids.add(m.uid);
      }
    }
    if (data.firstUseOf(account + "/" + request.getIdempotencyKey())) {
      data.expunge(account, uids);
    }
    return ExpungeReply.newBuilder().build();
  }

  private static <R> void unary(StreamObserver<R> observer, Supplier<R> call) {
    R reply;
    try {
      reply = call.get();
    } catch (StatusRuntimeException e) {
      observer.onError(e);
      return;
    }
    observer.onNext(reply);
    observer.onCompleted();
  }

  private static void checkInbox(MailboxRef ref) {
    if (ref.getMailboxId() != FakeMailData.INBOX_ID
        || ref.getUidValidity() != FakeMailData.UID_VALIDITY) {
      throw FakeErrors.error(Status.NOT_FOUND, ErrorCode.NONEXISTENT);
    }
  }

  private static boolean contains(UidSet set, int uid) {
    for (var range : set.getRangesList()) {
      long first = Integer.toUnsignedLong(range.getFirst());
      long last = Integer.toUnsignedLong(range.getLast());
      if (uid >= first && uid <= last) {
        return true;
      }
    }
    return false;
  }

  /** Header section = up to and including the first empty line; text = the rest. */
  private static byte[] section(byte[] message, BodySection section) {
    if (!section.getPart().isEmpty()) {
      throw Status.UNIMPLEMENTED.withDescription("parts").asRuntimeException();
    }
    int split = message.length;
    for (int i = 0; i + 3 < message.length; i++) {
      if (message[i] == '\r'
          && message[i + 1] == '\n'
          && message[i + 2] == '\r'
          && message[i + 3] == '\n') {
        split = i + 4;
        break;
      }
    }
    if (section.getText() == SectionText.SECTION_HEADER) {
      return Arrays.copyOfRange(message, 0, split);
    }
    if (section.getText() == SectionText.SECTION_TEXT) {
      return Arrays.copyOfRange(message, split, message.length);
    }
    return message;
  }
}
