package io.mailroom.mime;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A large multipart message produced on the fly, so a test can parse 50 MB without allocating it: a
 * text part, then an attachment of {@code lines} base64-shaped lines (optionally one line of {@code
 * lines * 78} octets with no line break at all).
 */
final class GeneratedMessage extends InputStream {
  static final String HEADER =
      "From: big@example.com\r\nSubject: big\r\n"
          + "Content-Type: multipart/mixed; boundary=\"big\"\r\n\r\n";
  static final String TEXT_PART = "--big\r\nContent-Type: text/plain\r\n\r\nsee attachment\r\n";
  static final String ATTACHMENT_HEADER =
      "--big\r\nContent-Type: application/octet-stream\r\n"
          + "Content-Transfer-Encoding: base64\r\n\r\n";
  static final String TRAILER = "--big--\r\n";
  static final int LINE = 78;

  private final byte[] head;
  private final byte[] tail;
  private final long bodyLength;
  private final boolean oneLine;
  private long pos;

  GeneratedMessage(long lines, boolean oneLine) {
    this.head = (HEADER + TEXT_PART + ATTACHMENT_HEADER).getBytes(StandardCharsets.US_ASCII);
    this.tail = TRAILER.getBytes(StandardCharsets.US_ASCII);
    this.bodyLength = lines * LINE;
    this.oneLine = oneLine;
  }

  long size() {
    return head.length + bodyLength + tail.length;
  }

  long attachmentBodyStart() {
    return head.length;
  }

  /** The CRLF ending the last attachment line belongs to the closing boundary. */
  long attachmentBodyEnd() {
    return head.length + bodyLength - 2;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (pos >= size()) {
      return -1;
    }
    int n = 0;
    while (n < len && pos < size()) {
      b[off + n++] = at(pos++);
    }
    return n;
  }

  private byte at(long p) {
    if (p < head.length) {
      return head[(int) p];
    }
    long q = p - head.length;
    if (q < bodyLength) {
      if (oneLine) {
        return q == bodyLength - 2 ? (byte) '\r' : q == bodyLength - 1 ? (byte) '\n' : (byte) 'Q';
      }
      int col = (int) (q % LINE);
      return col == LINE - 2 ? (byte) '\r' : col == LINE - 1 ? (byte) '\n' : (byte) 'Q';
    }
    return tail[(int) (q - bodyLength)];
  }
}
