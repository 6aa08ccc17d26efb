package io.mailroom.pop3.response;

import java.io.ByteArrayOutputStream;

/**
 * RFC 1939 section 3 byte-stuffing for a multi-line response that arrives in chunks: a line that
 * begins with "." gets one more "." in front, wherever the chunk boundaries fall; {@link #finish()}
 * ends the last line if needed and adds the terminating ".".
 */
public final class DotStuffer {
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] TERMINATOR = {'.', '\r', '\n'};
  private boolean atLineStart = true;

  public byte[] stuff(byte[] chunk) {
    int dots = 0;
    boolean start = atLineStart;
    for (byte b : chunk) {
      if (start && b == '.') {
        dots++;
      }
      start = b == '\n';
    }
    if (dots == 0) {
      atLineStart = chunk.length == 0 ? atLineStart : chunk[chunk.length - 1] == '\n';
      return chunk;
    }
    byte[] out = new byte[chunk.length + dots];
    int o = 0;
    for (byte b : chunk) {
      if (atLineStart && b == '.') {
        out[o++] = '.';
      }
      out[o++] = b;
      atLineStart = b == '\n';
    }
    return out;
  }

  /** The bytes that close the response. */
  public byte[] finish() {
    if (atLineStart) {
      return TERMINATOR.clone();
    }
    var out = new ByteArrayOutputStream(5);
    out.writeBytes(CRLF);
    out.writeBytes(TERMINATOR);
    return out.toByteArray();
  }
}
