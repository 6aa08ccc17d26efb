package io.mailroom.store.lmtp.wire;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;

/**
 * Bytes received from the client and not yet framed. Chunks are kept as they arrived; the reader
 * consumes them one byte at a time, so a command may end anywhere inside a chunk and the rest stays
 * queued until the session is ready for it (pipelining).
 */
public final class InboundBytes {
  private final ArrayDeque<Buffer> chunks = new ArrayDeque<>();
  private int position;
  private long pending;

  public void add(Buffer chunk) {
    if (chunk.length() > 0) {
      chunks.add(chunk);
      pending += chunk.length();
    }
  }

  public boolean isEmpty() {
    return pending == 0;
  }

  /** Octets queued and not yet consumed; the connection pauses the socket when this grows. */
  public long pending() {
    return pending;
  }

  /** Returns the next octet (0-255). Call only when not {@link #isEmpty()}. */
  int next() {
    Buffer head = chunks.peek();
    int octet = head.getByte(position++) & 0xff;
    pending--;
    if (position == head.length()) {
      chunks.poll();
      position = 0;
    }
    return octet;
  }
}
