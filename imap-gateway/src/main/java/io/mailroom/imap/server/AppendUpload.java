package io.mailroom.imap.server;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An APPEND message on its way from the socket to the store. The bytes pass through in slices; if
 * the store reads slower than the client sends, the socket is paused (at most {@link #HIGH} octets
 * wait here). The upload completes only once the whole command parsed, so an APPEND answered BAD
 * stores nothing.
 */
final class AppendUpload {
  static final long HIGH = 4L << 20;
  static final long LOW = 1L << 20;

  private final UnicastProcessor<byte[]> slices = UnicastProcessor.create();
  private final AtomicLong waiting = new AtomicLong();
  private final Runnable pause;
  private final Runnable resume;
  private boolean finished;

  AppendUpload(Runnable pause, Runnable resume) {
    this.pause = pause;
    this.resume = resume;
  }

  Multi<byte[]> data() {
    return slices
        .onItem()
        .invoke(
            slice -> {
              long now = waiting.addAndGet(-slice.length);
              if (now < LOW && now + slice.length >= LOW) {
                resume.run();
              }
            });
  }

  void push(byte[] slice) {
    if (finished) {
      return;
    }
    if (waiting.addAndGet(slice.length) >= HIGH) {
      pause.run();
    }
    slices.onNext(slice);
  }

  void complete() {
    if (!finished) {
      finished = true;
      slices.onComplete();
    }
  }

  void cancel(Throwable why) {
    if (!finished) {
      finished = true;
      slices.onError(why);
    }
  }
}
