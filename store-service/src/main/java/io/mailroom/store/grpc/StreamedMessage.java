package io.mailroom.store.grpc;

import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.ingest.MessageSpool;
import io.mailroom.store.ingest.SpooledMessage;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A client stream of "header first, then bytes" (Append, Deliver) spooled to a file. The header is
 * judged before any byte is read (TOOBIG); a stream that fails or ends early leaves no file.
 *
 * @param <H> the header message type
 */
final class StreamedMessage<H> {

  /** The header and the spooled bytes. */
  record Received<H>(H header, SpooledMessage spooled) {}

  private final long limit;
  private MessageSpool spool;
  private H header;
  private long declared;

  private StreamedMessage(long limit) {
    this.limit = limit;
  }

  /**
   * @param split gives, for one stream message, either a header (with its declared size) or bytes
   */
  static <R, H> Uni<Received<H>> receive(
      Multi<R> requests, long limit, Function<R, Piece<H>> split) {
    AtomicReference<StreamedMessage<H>> state = new AtomicReference<>();
    return requests
        .emitOn(Infrastructure.getDefaultWorkerPool())
        .collect()
        .in(
            () -> {
              StreamedMessage<H> s = new StreamedMessage<>(limit);
              state.set(s);
              return s;
            },
            (s, r) -> s.accept(split.apply(r)))
        .map(StreamedMessage::finish)
        .onFailure()
        .invoke(
            () -> {
              if (state.get() != null) {
                state.get().discard();
              }
            })
        .onCancellation()
        .invoke(
            () -> {
              if (state.get() != null) {
                state.get().discard();
              }
            });
  }

  /** One stream message: a header with its declared size, or a piece of the message. */
  record Piece<H>(H header, long declaredSize, byte[] data) {}

  private void accept(Piece<H> piece) {
    if (piece.header() != null) {
      if (header != null) {
        throw new StoreFailure(Reason.BAD_REQUEST, "second header in one stream");
      }
      if (piece.declaredSize() > limit) {
        throw new StoreFailure(Reason.TOOBIG, "message larger than " + limit + " octets");
      }
      header = piece.header();
      declared = piece.declaredSize();
      spool = new MessageSpool(limit);
      return;
    }
    if (header == null) {
      throw new StoreFailure(Reason.BAD_REQUEST, "the first stream message must be the header");
    }
    if (declared > 0 && spool.received() + piece.data().length > declared) {
      throw new StoreFailure(Reason.BAD_REQUEST, "more octets than declared");
    }
    spool.write(piece.data());
  }

  private Received<H> finish() {
    if (header == null) {
      throw new StoreFailure(Reason.BAD_REQUEST, "empty stream");
    }
    if (declared > 0 && spool.received() != declared) {
      discard();
      throw new StoreFailure(Reason.BAD_REQUEST, "fewer octets than declared");
    }
    if (spool.received() == 0) {
      discard();
      throw new StoreFailure(Reason.BAD_REQUEST, "empty message");
    }
    return new Received<>(header, spool.finish());
  }

  private void discard() {
    if (spool != null) {
      spool.close();
    }
  }
}
