package io.mailroom.bench.imap;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames the server's bytes into {@link ImapResponse}s: lines end at CRLF, and a line ending in
 * {@code {n}} is followed by n bytes of literal and then the rest of the same logical line. Bytes
 * may arrive split anywhere, including inside a CRLF or a literal; nothing is re-parsed and nothing
 * is matched with regular expressions, so a chunk costs one pass over its bytes.
 */
final class ResponseReader {

  /** Longest line (without literals) the driver accepts before calling the server broken. */
  static final int MAX_LINE = 1 << 20;

  private sealed interface State permits ReadingLine, ReadingLiteral {}

  private record ReadingLine() implements State {}

  /** Inside a literal: {@code remaining} bytes still to come into {@code literal}. */
  private record ReadingLiteral(Buffer literal, int remaining) implements State {}

  private static final State READING_LINE = new ReadingLine();

  private final Handler<ImapResponse> onResponse;
  private State state = READING_LINE;
  private Buffer segment = Buffer.buffer(128);
  private final StringBuilder text = new StringBuilder();
  private List<Buffer> literals = new ArrayList<>();

  ResponseReader(Handler<ImapResponse> onResponse) {
    this.onResponse = onResponse;
  }

  /** Thrown (from {@link #feed}) when the bytes cannot be IMAP responses. */
  static final class Malformed extends RuntimeException {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  void feed(Buffer chunk) {
    ByteBuf bytes = chunk.getByteBuf();
    int base = bytes.readerIndex();
    int pos = 0;
    int length = chunk.length();
    while (pos < length) {
      if (state instanceof ReadingLiteral reading) {
        int take = Math.min(reading.remaining(), length - pos);
        reading.literal().appendBuffer(chunk, pos, take);
        pos += take;
        if (take == reading.remaining()) {
          literals.add(reading.literal());
          state = READING_LINE;
        } else {
          state = new ReadingLiteral(reading.literal(), reading.remaining() - take);
        }
        continue;
      }
      // Netty's indexOf scans eight bytes at a time: most of a response is looked at only here.
      int lf = bytes.indexOf(base + pos, base + length, (byte) '\n') - base;
      if (lf < 0) {
        segment.appendBuffer(chunk, pos, length - pos);
        pos = length;
        if (segment.length() > MAX_LINE) {
          throw new Malformed("response line longer than " + MAX_LINE + " bytes");
        }
      } else if (segment.length() == 0) {
        // The whole line is in this chunk: decode it in place, no copy.
        int end = lf > pos && bytes.getByte(base + lf - 1) == '\r' ? lf - 1 : lf;
        endOfSegment(bytes.toString(base + pos, end - pos, StandardCharsets.UTF_8));
        pos = lf + 1;
      } else {
        segment.appendBuffer(chunk, pos, lf - pos);
        pos = lf + 1;
        int end = segment.length();
        if (end > 0 && segment.getByte(end - 1) == '\r') {
          end--;
        }
        String part = segment.getString(0, end, StandardCharsets.UTF_8.name());
        segment = Buffer.buffer(128);
        endOfSegment(part);
      }
    }
  }

  /** A CRLF ended a segment: either the line is complete or a literal follows. */
  private void endOfSegment(String part) {
    long size = literalSize(part);
    if (size < 0 && text.length() == 0) {
      // A line without literals, the common case: no copy through the builder.
      onResponse.handle(ImapResponse.of(part, List.of()));
      return;
    }
    text.append(part);
    if (size > Integer.MAX_VALUE) {
      throw new Malformed("literal of " + size + " bytes");
    }
    if (size == 0) {
      literals.add(Buffer.buffer(0));
    } else if (size > 0) {
      state = new ReadingLiteral(Buffer.buffer((int) size), (int) size);
    } else {
      ImapResponse response = ImapResponse.of(text.toString(), literals);
      text.setLength(0);
      literals = new ArrayList<>();
      onResponse.handle(response);
    }
  }

  /** n for a segment ending in {@code {n}}, otherwise -1. */
  static long literalSize(String part) {
    int last = part.length() - 1;
    if (last < 2 || part.charAt(last) != '}') {
      return -1;
    }
    long size = 0;
    int i = last - 1;
    int digits = 0;
    while (i >= 0 && isDigit(part.charAt(i))) {
      i--;
      digits++;
    }
    if (digits == 0 || digits > 10 || i < 0 || part.charAt(i) != '{') {
      return -1;
    }
    for (int d = i + 1; d < last; d++) {
      size = size * 10 + (part.charAt(d) - '0');
    }
    return size;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
