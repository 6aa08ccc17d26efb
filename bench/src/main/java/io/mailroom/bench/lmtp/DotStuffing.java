package io.mailroom.bench.lmtp;

import io.vertx.core.buffer.Buffer;

/**
 * The DATA transparency rule of RFC 5321 4.5.2: a line starting with "." gets one more, and the
 * message ends with CRLF "." CRLF. Bare LF line ends are sent as CRLF so that a message which is
 * not quite canonical still arrives line by line as the server expects.
 */
public final class DotStuffing {

  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte DOT = '.';

  private DotStuffing() {}

  /** The bytes to write after the 354 reply, terminating dot included. */
  public static Buffer encode(byte[] message) {
    Buffer out = Buffer.buffer(message.length + message.length / 64 + 8);
    boolean lineStart = true;
    int runStart = 0;
    for (int i = 0; i < message.length; i++) {
      byte b = message[i];
      if (lineStart && b == DOT) {
        out.appendBytes(message, runStart, i - runStart).appendByte(DOT);
        runStart = i;
      }
      if (b == LF && (i == 0 || message[i - 1] != CR)) {
        out.appendBytes(message, runStart, i - runStart).appendByte(CR);
        runStart = i;
      }
      lineStart = b == LF;
    }
    out.appendBytes(message, runStart, message.length - runStart);
    if (message.length > 0 && !lineStart) {
      out.appendByte(CR).appendByte(LF);
    }
    return out.appendByte(DOT).appendByte(CR).appendByte(LF);
  }
}
