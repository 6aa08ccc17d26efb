package io.mailroom.filter.fake;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.mailroom.store.api.v1.CopyReply;
import io.mailroom.store.api.v1.CopyRequest;
import io.mailroom.store.api.v1.ErrorCode;
import io.mailroom.store.api.v1.ExpungeMode;
import io.mailroom.store.api.v1.ExpungeReply;
import io.mailroom.store.api.v1.ExpungeRequest;
import io.mailroom.store.api.v1.FetchReply;
import io.mailroom.store.api.v1.FetchRequest;
import io.mailroom.store.api.v1.FlagMode;
import io.mailroom.store.api.v1.MailboxInfo;
import io.mailroom.store.api.v1.MessageMeta;
import io.mailroom.store.api.v1.MessageState;
import io.mailroom.store.api.v1.MessageStates;
import io.mailroom.store.api.v1.MutinyMessagesGrpc;
import io.mailroom.store.api.v1.SectionChunk;
import io.mailroom.store.api.v1.SectionText;
import io.mailroom.store.api.v1.SelectReply;
import io.mailroom.store.api.v1.SelectRequest;
import io.mailroom.store.api.v1.StoreFlagsReply;
import io.mailroom.store.api.v1.StoreFlagsRequest;
import io.mailroom.store.api.v1.UidSet;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The store's Messages service over {@link FakeMailStore}, as far as the filter uses it. */
@GrpcService
public class FakeMessages extends MutinyMessagesGrpc.MessagesImplBase {
  private final FakeMailStore store;

  FakeMessages(FakeMailStore store) {
    this.store = store;
  }

  private static List<Integer> uids(UidSet set, FakeMailStore.Mailbox box) {
    var uids = new ArrayList<Integer>();
    for (var range : set.getRangesList()) {
      for (var uid : box.messages.keySet()) {
        if (Integer.toUnsignedLong(uid) >= Integer.toUnsignedLong(range.getFirst())
            && Integer.toUnsignedLong(uid) <= Integer.toUnsignedLong(range.getLast())) {
          uids.add(uid);
        }
      }
    }
    return uids;
  }

  @Override
  public Multi<FetchReply> fetch(FetchRequest request) {
    var account = StoreCredentials.account();
    return Multi.createFrom()
        .deferred(
            () -> {
              store.checkAvailable(account);
              store.fetches.incrementAndGet();
              var replies = new ArrayList<FetchReply>();
              synchronized (store) {
                var box =
                    store.mailboxById(
                        account,
                        request.getMailbox().getMailboxId(),
                        request.getMailbox().getUidValidity());
                for (var uid : uids(request.getUids(), box)) {
                  var message = box.messages.get(uid);
                  replies.add(
                      FetchReply.newBuilder()
                          .setMeta(
                              MessageMeta.newBuilder()
                                  .setUid(uid)
                                  .setSize(message.bytes.length)
                                  .addAllFlags(message.flags))
                          .build());
                  var text = new String(message.bytes, StandardCharsets.UTF_8);
                  for (int i = 0; i < request.getSectionsCount(); i++) {
                    var section = request.getSections(i);
                    byte[] data;
                    if (section.getText() == SectionText.SECTION_HEADER) {
                      var end = text.indexOf("\r\n\r\n");
                      data =
                          (end < 0 ? text : text.substring(0, end + 4))
                              .getBytes(StandardCharsets.UTF_8);
                    } else {
                      for (var marker : store.unreadableMarkers) {
                        if (text.contains(marker)) {
                          throw FakeMailStore.failure(
                              Status.DATA_LOSS, ErrorCode.ERROR_CODE_UNSPECIFIED, "blob missing");
                        }
                      }
                      data = message.bytes;
                    }
                    // Two chunks, to exercise reassembly.
                    var half = data.length / 2;
                    replies.add(chunk(uid, i, data.length, data, 0, half, false));
                    replies.add(chunk(uid, i, data.length, data, half, data.length, true));
                  }
                }
              }
              var delay = store.fetchDelay;
              if (delay.isZero()) {
                return Multi.createFrom().iterable(replies);
              }
              return Uni.createFrom()
                  .item(replies)
                  .onItem()
                  .delayIt()
                  .by(delay)
                  .onItem()
                  .transformToMulti(ready -> Multi.createFrom().iterable(ready));
            });
  }

  private static FetchReply chunk(
      int uid, int section, int total, byte[] data, int from, int to, boolean last) {
    return FetchReply.newBuilder()
        .setChunk(
            SectionChunk.newBuilder()
                .setUid(uid)
                .setSectionIndex(section)
                .setTotalLength(total)
                .setData(ByteString.copyFrom(data, from, to - from))
                .setLast(last))
        .build();
  }

  @Override
  public Uni<CopyReply> copy(CopyRequest request) {
    var account = StoreCredentials.account();
    return Uni.createFrom()
        .item(
            () -> {
              store.checkAvailable(account);
              store.calls.add(
                  new FakeMailStore.Call(
                      request.getMove() ? "move" : "copy",
                      account,
                      request.getIdempotencyKey(),
                      request.getTarget()));
              return store.once(
                  request.getIdempotencyKey(),
                  () -> {
                    synchronized (store) {
                      var source =
                          store.mailboxById(
                              account,
                              request.getSource().getMailboxId(),
                              request.getSource().getUidValidity());
                      FakeMailStore.Mailbox target;
                      try {
                        target = store.mailbox(account, request.getTarget());
                      } catch (RuntimeException missing) {
                        if (!request.getCreateTarget()) {
                          throw FakeMailStore.failure(
                              Status.NOT_FOUND,
                              ErrorCode.TRYCREATE,
                              "no mailbox " + request.getTarget());
                        }
                        target = store.createMailbox(account, request.getTarget());
                      }
                      var reply =
                          CopyReply.newBuilder()
                              .setTargetMailboxId(target.id)
                              .setTargetUidValidity(target.uidValidity);
                      if (!request.getMove()) {
                        long octets = 0;
                        for (var uid : uids(request.getUids(), source)) {
                          octets += source.messages.get(uid).bytes.length;
                        }
                        store.admit(account, octets);
                      }
                      for (var uid : uids(request.getUids(), source)) {
                        var original = source.messages.get(uid);
                        var copy = new FakeMailStore.Message(original.bytes);
                        copy.flags.addAll(original.flags);
                        copy.flags.addAll(request.getAddFlagsList());
                        var targetUid = target.uidNext++;
                        target.messages.put(targetUid, copy);
                        reply.addSourceUids(uid).addTargetUids(targetUid);
                        if (request.getMove()) {
                          source.messages.remove(uid);
                          reply.addExpungedUids(uid);
                        }
                      }
                      return reply.build();
                    }
                  });
            });
  }

  @Override
  public Uni<StoreFlagsReply> storeFlags(StoreFlagsRequest request) {
    var account = StoreCredentials.account();
    return Uni.createFrom()
        .item(
            () -> {
              store.checkAvailable(account);
              store.calls.add(
                  new FakeMailStore.Call(
                      "flags",
                      account,
                      request.getIdempotencyKey(),
                      request.getFlagsList().toString()));
              return store.once(
                  request.getIdempotencyKey(),
                  () -> {
                    synchronized (store) {
                      var box =
                          store.mailboxById(
                              account,
                              request.getMailbox().getMailboxId(),
                              request.getMailbox().getUidValidity());
                      var reply = StoreFlagsReply.newBuilder();
                      for (var uid : uids(request.getUids(), box)) {
                        var message = box.messages.get(uid);
                        if (request.getMode() == FlagMode.FLAG_MODE_ADD) {
                          message.flags.addAll(request.getFlagsList());
                        }
                        reply.addUpdated(
                            MessageState.newBuilder().setUid(uid).addAllFlags(message.flags));
                      }
                      return reply.build();
                    }
                  });
            });
  }

  @Override
  public Uni<ExpungeReply> expunge(ExpungeRequest request) {
    var account = StoreCredentials.account();
    return Uni.createFrom()
        .item(
            () -> {
              store.checkAvailable(account);
              store.calls.add(
                  new FakeMailStore.Call(
                      "expunge", account, request.getIdempotencyKey(), request.getMode().name()));
              if (request.getMode() != ExpungeMode.EXPUNGE_MODE_ALL_IN_SET) {
                throw Status.UNIMPLEMENTED.asRuntimeException();
              }
              return store.once(
                  request.getIdempotencyKey(),
                  () -> {
                    synchronized (store) {
                      var box =
                          store.mailboxById(
                              account,
                              request.getMailbox().getMailboxId(),
                              request.getMailbox().getUidValidity());
                      var reply = ExpungeReply.newBuilder();
                      for (var uid : uids(request.getUids(), box)) {
                        box.messages.remove(uid);
                        reply.addExpungedUids(uid);
                      }
                      return reply.build();
                    }
                  });
            });
  }

  @Override
  public Multi<SelectReply> select(SelectRequest request) {
    var account = StoreCredentials.account();
    return Multi.createFrom()
        .deferred(
            () -> {
              store.checkAvailable(account);
              synchronized (store) {
                var box = store.mailbox(account, request.getName());
                var states = MessageStates.newBuilder();
                for (var uid : box.messages.keySet()) {
                  states.addStates(MessageState.newBuilder().setUid(uid));
                }
                return Multi.createFrom()
                    .items(
                        SelectReply.newBuilder()
                            .setMailbox(
                                MailboxInfo.newBuilder()
                                    .setMailboxId(box.id)
                                    .setName(box.name)
                                    .setUidValidity(box.uidValidity)
                                    .setUidNext(box.uidNext)
                                    .setMessages(box.messages.size())
                                    .setReadOnly(request.getReadOnly()))
                            .build(),
                        SelectReply.newBuilder().setPage(states).build());
              }
            });
  }
}
