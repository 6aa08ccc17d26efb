package io.mailroom.pop3.response;

import io.smallrye.mutiny.Uni;

/** The client's socket as the reply writer sees it. */
public interface Outbound {
  /**
   * Sends bytes; the Uni completes once they are handed to the network, so a writer that waits for
   * it before producing more never queues more than one chunk.
   */
  Uni<Void> write(byte[] bytes);
}
