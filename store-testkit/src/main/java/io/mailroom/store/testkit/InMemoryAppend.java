package io.mailroom.store.testkit;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.mailroom.store.api.v1.AppendHeader;
import io.mailroom.store.api.v1.AppendReply;
import io.mailroom.store.api.v1.AppendRequest;
import io.mailroom.store.api.v1.ErrorCode;
import java.io.ByteArrayOutputStream;

/**
 * One Append stream, as the real store's AppendIntake and AppendService take it: a header, then the
 * declared octets; the message is stored with CRLF line ends when the stream completes. A repeated
 * idempotency key answers the first result and stores nothing more.
 */
final class InMemoryAppend implements StreamObserver<AppendRequest> {
  /** The real store's default mailroom.limits.max-message-size. */
  static final long MAX_MESSAGE_SIZE = 50L << 20;

  private final InMemoryStore store;
  private final String account;
  private final StreamObserver<AppendReply> reply;
  private final ByteArrayOutputStream data = new ByteArrayOutputStream();
  private AppendHeader header;
  private StatusRuntimeException refused;

  InMemoryAppend(InMemoryStore store, String account, StreamObserver<AppendReply> reply) {
    this.store = store;
    this.account = account;
    this.reply = reply;
  }

  @Override
  public void onNext(AppendRequest request) {
    if (refused != null) {
      return;
    }
    try {
      if (request.hasHeader()) {
        if (header != null) {
          throw StoreErrors.badRequest("second header");
        }
        header = request.getHeader();
        if (header.getSize() > MAX_MESSAGE_SIZE) {
          throw StoreErrors.refusal(ErrorCode.TOOBIG, "message too big");
        }
      } else {
        if (header == null) {
          throw StoreErrors.badRequest("data before the header");
        }
        data.writeBytes(request.getData().toByteArray());
        if (data.size() > header.getSize()) {
          throw StoreErrors.badRequest("more data than declared");
        }
      }
    } catch (StatusRuntimeException e) {
      refused = e;
    }
  }

  @Override
  public void onError(Throwable t) {
    store.appendEnded(); // abandoned by the caller: nothing stored
  }

  @Override
  public void onCompleted() {
    try {
      if (refused != null) {
        throw refused;
      }
      if (header == null || data.size() != header.getSize()) {
        throw StoreErrors.badRequest("message shorter than declared");
      }
      store.called(
          new StoreCall("append", account, header.getIdempotencyKey(), header.getMailbox()));
      StoreErrors.answer(reply, this::store);
    } catch (StatusRuntimeException e) {
      reply.onError(e);
    } finally {
      store.appendEnded();
    }
  }

  private AppendReply store() {
    int offset = header.getInternalDateOffsetMinutes();
    if (Math.abs(offset) > 18 * 60) {
      throw StoreErrors.badRequest("bad time zone offset");
    }
    return store.locked(() -> stored(account + "\0" + header.getIdempotencyKey(), offset));
  }

  private AppendReply stored(String key, int offset) {
    boolean once = !header.getIdempotencyKey().isEmpty();
    if (once && store.appendKeys().containsKey(key)) {
      return store.appendKeys().get(key);
    }
    Mailbox box =
        store
            .named(account, MailboxNames.valid(header.getMailbox()))
            .orElseThrow(() -> StoreErrors.refusal(ErrorCode.TRYCREATE, "no such mailbox"));
    if (!box.selectable) {
      throw StoreErrors.refusal(ErrorCode.NOSELECT, "mailbox is \\Noselect");
    }
    byte[] crlf = InMemoryStore.withCrlf(data.toByteArray());
    store.admit(account, crlf.length);
    long date = header.getInternalDateEpochMs();
    long uid =
        store.add(
            box,
            crlf,
            date == 0 ? System.currentTimeMillis() : date,
            date == 0 ? 0 : offset,
            StoredMessage.canonical(header.getFlagsList()));
    StoredMessage m = box.messages.get(uid);
    var appended =
        AppendReply.newBuilder()
            .setMailboxId(box.id)
            .setUidValidity((int) box.uidValidity)
            .setUid((int) uid)
            .setModseq(m.modseq())
            .setEmailId(m.uidl())
            .build();
    if (once) {
      store.appendKeys().put(key, appended);
    }
    return appended;
  }
}
