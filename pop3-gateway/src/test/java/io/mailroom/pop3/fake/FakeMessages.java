package io.mailroom.pop3.fake;

import com.google.protobuf.ByteString;
import io.grpc.Status;
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
import io.mailroom.store.api.v1.MutinyMessagesGrpc;
import io.mailroom.store.api.v1.SectionChunk;
import io.mailroom.store.api.v1.SectionText;
import io.mailroom.store.api.v1.StoreFlagsReply;
import io.mailroom.store.api.v1.StoreFlagsRequest;
import io.mailroom.store.api.v1.UidSet;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Fetch of BODY[], BODY[HEADER] and BODY[TEXT] in small chunks; flags; expunge by UID. */
@GrpcService
public class FakeMessages extends MutinyMessagesGrpc.MessagesImplBase {
  /** How many Fetch calls were made: lets a test show that TOP stops reading early. */
  public static final AtomicInteger CHUNKS_SENT = new AtomicInteger();

  private final FakeMailData data;

  FakeMessages(FakeMailData data) {
    this.data = data;
  }

  @Override
  public Multi<FetchReply> fetch(FetchRequest request) {
    String account = FakeErrors.account();
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
    return Multi.createFrom().iterable(replies).onItem().invoke(r -> CHUNKS_SENT.incrementAndGet());
  }

  @Override
  public Uni<StoreFlagsReply> storeFlags(StoreFlagsRequest request) {
    String account = FakeErrors.account();
    checkInbox(request.getMailbox());
    var reply = StoreFlagsReply.newBuilder();
    for (var m : data.inbox(account)) {
      if (contains(request.getUids(), m.uid) && request.getMode() == FlagMode.FLAG_MODE_ADD) {
        m.flags.addAll(request.getFlagsList());
        reply.addUpdated(MessageState.newBuilder().setUid(m.uid).addAllFlags(m.flags));
      }
    }
    return Uni.createFrom().item(reply.build());
  }

  @Override
  public Uni<ExpungeReply> expunge(ExpungeRequest request) {
    String account = FakeErrors.account();
    checkInbox(request.getMailbox());
    if (request.getMode() != ExpungeMode.EXPUNGE_MODE_ALL_IN_SET) {
      return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
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
    return Uni.createFrom().item(ExpungeReply.newBuilder().build());
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
