package io.mailroom.pop3.handler;

import java.util.Arrays;

/**
 * Counts body lines for TOP across chunk boundaries: passes bytes through up to and including the
 * line end of the n-th line, then nothing.
 */
final class TopLines {
  private int remaining;

  TopLines(int lines) {
    this.remaining = lines;
  }

  boolean reached() {
    return remaining == 0;
  }

  byte[] take(byte[] chunk) {
    if (remaining == 0) {
      return new byte[0];
    }
    for (int i = 0; i < chunk.length; i++) {
      if (chunk[i] == '\n' && --remaining == 0) {
        return i + 1 == chunk.length ? chunk : Arrays.copyOf(chunk, i + 1);
      }
    }
    return chunk;
  }
}
