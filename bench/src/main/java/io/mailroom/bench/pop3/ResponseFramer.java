package io.mailroom.bench.pop3;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Splits the bytes a POP3 server sends into status lines and multi-line bodies, undoing the
 * dot-stuffing (RFC 1939 3) as it goes, in one pass and one copy per body byte: at Dovecot's rate a
 * line-by-line parser would make the driver, not the server, the thing measured.
 *
 * <p>Whether a body follows a status line is the client's call (RETR's +OK has one, DELE's has
 * not), so {@link Receiver#statusLine} answers it. State carries across chunks, so a response may
 * arrive split anywhere.
 */
final class ResponseFramer implements Handler<Buffer> {

  /** What the framer found, in order. */
  interface Receiver {
    /**
     * A status line without its CRLF; returns -1 when no body follows it, otherwise the bytes to
     * reserve for the body (RETR announces its octets: growing a 1 MB body by doubling would copy
     * it again and again).
     */
    int statusLine(String line);

    /** A whole body: its lines with CRLF, stuffing dots removed, the final "." line excluded. */
    void body(Buffer body);
  }

  private enum State {
    STATUS,
    LINE_START,
    IN_LINE,
    /** A "." at the start of a body line: stuffing, or the terminator if CRLF follows. */
    DOT,
    DOT_CR
  }

  private static final int MAX_STATUS_LINE = 64 * 1024;

  private final Receiver receiver;
  private State state = State.STATUS;
  private Buffer status = Buffer.buffer(128);
  private Buffer body;

  ResponseFramer(Receiver receiver) {
    this.receiver = receiver;
  }

  @Override
  public void handle(Buffer chunk) {
    // A view, not a copy: the bytes are copied once, into the body.
    ByteBuf bytes = chunk.getByteBuf();
    int length = chunk.length();
    int i = 0;
    while (i < length) {
      switch (state) {
        case STATUS -> i = status(chunk, bytes, i, length);
        case LINE_START -> {
          if (bytes.getByte(i) == '.') {
            state = State.DOT;
            i++;
          } else {
            state = State.IN_LINE;
          }
        }
        case IN_LINE -> i = inLine(chunk, bytes, i, length);
        case DOT -> {
          if (bytes.getByte(i) == '\r') {
            state = State.DOT_CR;
            i++;
          } else {
            state = State.IN_LINE; // the dot was stuffing: dropped
          }
        }
        case DOT_CR -> {
          if (bytes.getByte(i) == '\n') {
            i++;
            Buffer done = body;
            body = null;
            state = State.STATUS;
            receiver.body(done);
          } else {
            body.appendByte((byte) '\r'); // ".\r" then no LF: keep the CR, drop the dot
            state = State.IN_LINE;
          }
        }
      }
    }
  }

  /** Copies up to and including the next LF into the body. */
  private int inLine(Buffer chunk, ByteBuf bytes, int from, int length) {
    int lf = bytes.forEachByte(from, length - from, ByteProcessor.FIND_LF);
    if (lf < 0) {
      body.appendBuffer(chunk, from, length - from);
      return length;
    }
    body.appendBuffer(chunk, from, lf + 1 - from);
    state = State.LINE_START;
    return lf + 1;
  }

  private int status(Buffer chunk, ByteBuf bytes, int from, int length) {
    int lf = bytes.forEachByte(from, length - from, ByteProcessor.FIND_LF);
    int end = lf < 0 ? length : lf;
    status.appendBuffer(chunk, from, end - from);
    if (status.length() > MAX_STATUS_LINE) {
      throw new IllegalStateException("status line longer than " + MAX_STATUS_LINE);
    }
    if (lf < 0) {
      return length;
    }
    int lineEnd = status.length();
    if (lineEnd > 0 && status.getByte(lineEnd - 1) == '\r') {
      lineEnd--;
    }
    String line = status.getString(0, lineEnd, StandardCharsets.UTF_8.name());
    status = Buffer.buffer(128);
    int reserve = receiver.statusLine(line);
    if (reserve >= 0) {
      body = Buffer.buffer(Math.max(64, reserve));
      state = State.LINE_START;
    }
    return lf + 1;
  }
}
