package io.mailroom.imap.wire;

/**
 * Limits on what a client can make the decoder hold in memory.
 *
 * @param maxLineLength octets in one line segment (without literals)
 * @param maxCommandLength octets of one command: all line segments plus buffered literals
 * @param maxSlice largest slice of a streamed literal handed to the sink at once
 */
public record FrameLimits(int maxLineLength, int maxCommandLength, int maxSlice) {
  public FrameLimits {
    if (maxLineLength < 64 || maxCommandLength < maxLineLength || maxSlice < 1) {
      throw new IllegalArgumentException(
          "limits too small: line " + maxLineLength + ", command " + maxCommandLength);
    }
  }
}
