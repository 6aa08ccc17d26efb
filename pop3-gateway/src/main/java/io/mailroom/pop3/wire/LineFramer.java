package io.mailroom.pop3.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the client's byte stream into command lines. CRLF ends a line; a bare LF is accepted too
 * (as Dovecot does), because some clients and test tools send it. A line longer than {@code
 * maxLine} octets (line end excluded) yields {@link Frame.TooLong} once, after which the framer
 * drops everything: the session is over and nothing the client sends may be interpreted.
 */
public final class LineFramer {
  private final int maxLine;
  private final byte[] line;
  private int length;
  private boolean broken;

  public LineFramer(int maxLine) {
    if (maxLine < 8) {
      throw new IllegalArgumentException("max line must be at least 8 octets: " + maxLine);
    }
    this.maxLine = maxLine;
    // one extra slot for the CR that may precede the LF
    this.line = new byte[maxLine + 1];
  }

  /** Feeds bytes as they arrive; returns the frames they complete, in order. */
  public List<Frame> feed(byte[] bytes) {
    return feed(bytes, 0, bytes.length);
  }

  public List<Frame> feed(byte[] bytes, int offset, int count) {
    List<Frame> frames = new ArrayList<>(1);
    for (int i = offset; i < offset + count && !broken; i++) {
      byte b = bytes[i];
      if (b == '\n') {
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        if (end > maxLine) {
          broken = true;
          frames.add(new Frame.TooLong(maxLine));
        } else {
          frames.add(new Frame.Line(new String(line, 0, end, StandardCharsets.ISO_8859_1)));
          length = 0;
        }
      } else if (length == line.length) {
        broken = true;
        frames.add(new Frame.TooLong(maxLine));
      } else {
        line[length++] = b;
      }
    }
    return frames;
  }

  /**
   * Forgets a partial line. After STLS, RFC 2595 section 3.1 requires that nothing received in
   * plaintext survives into the TLS session (command injection).
   */
  public void reset() {
    length = 0;
  }
}
