package io.mailroom.mime;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a message line by line with one line of lookahead, counting octets and LFs, and never
 * buffering more than {@link #PREFIX_CAP} octets of a line: a 50 MB line costs no more memory than
 * a short one. Octets past the cap go to the {@link Sink} (if any) as they stream by; they can
 * never be a boundary, so nobody else needs them.
 */
final class LineReader {
  static final int PREFIX_CAP = 64 * 1024;

  /** Receives the octets of lines too long to keep (the first {@link #PREFIX_CAP} included). */
  interface Sink {
    void accept(byte[] bytes, int offset, int length);
  }

  private final InputStream in;
  private final byte[] buffer = new byte[64 * 1024];
  private int bufferPos;
  private int bufferLimit;
  private boolean eof;
  private long streamOffset;

  private final byte[] prefix = new byte[PREFIX_CAP];
  private boolean pending;
  private long lineStart;
  private long lineLength;
  private int lineTerminator;
  private int prefixLength;
  private boolean overflowed;

  private long position;
  private long lfCount;
  private int lastTerminator;
  private Sink sink;

  LineReader(InputStream in) {
    this.in = in;
  }

  void sink(Sink sink) {
    this.sink = sink;
  }

  /** Reads the next line into the lookahead if needed; false at end of input. */
  boolean peek() throws IOException {
    if (!pending) {
      pending = readLine();
    }
    return pending;
  }

  /** Consumes the line in the lookahead. */
  void take() {
    if (!pending) {
      throw new IllegalStateException("no line to take");
    }
    pending = false;
    position = lineStart + lineLength + lineTerminator;
    if (lineTerminator > 0) {
      lfCount++;
    }
    lastTerminator = lineTerminator;
  }

  /** Offset just past the last consumed line: where the lookahead line starts. */
  long position() {
    return position;
  }

  /** LFs in all consumed lines. */
  long lfCount() {
    return lfCount;
  }

  /** Length of the line ending (0, 1 or 2) of the last consumed line. */
  int lastTerminator() {
    return lastTerminator;
  }

  /** Content length of the lookahead line, its line ending excluded. */
  long length() {
    return lineLength;
  }

  byte[] prefix() {
    return prefix;
  }

  int prefixLength() {
    return prefixLength;
  }

  /** True when the lookahead line was longer than the cap (its prefix is not the whole line). */
  boolean overflowed() {
    return overflowed;
  }

  private boolean readLine() throws IOException {
    lineStart = streamOffset;
    long length = 0;
    int copied = 0;
    boolean overflow = false;
    boolean sawLf = false;
    int lastByte = -1;
    while (true) {
      if (bufferPos == bufferLimit && !fill()) {
        break;
      }
      int end = bufferPos;
      while (end < bufferLimit && buffer[end] != '\n') {
        end++;
      }
      int chunk = end - bufferPos;
      if (chunk > 0) {
        int room = Math.min(chunk, PREFIX_CAP - copied);
        if (room > 0) {
          System.arraycopy(buffer, bufferPos, prefix, copied, room);
          copied += room;
        }
        if (room < chunk) {
          if (!overflow) {
            overflow = true;
            if (sink != null) {
              sink.accept(prefix, 0, copied);
            }
          }
          if (sink != null) {
            sink.accept(buffer, bufferPos + room, chunk - room);
          }
        }
        lastByte = buffer[end - 1];
        length += chunk;
      }
      streamOffset += chunk;
      bufferPos = end;
      if (end < bufferLimit) {
        bufferPos++;
        streamOffset++;
        sawLf = true;
        break;
      }
    }
    if (!sawLf && length == 0) {
      return false;
    }
    int terminator = 0;
    if (sawLf) {
      terminator = 1;
      if (length > 0 && lastByte == '\r') {
        terminator = 2;
        length--;
      }
    }
    lineLength = length;
    lineTerminator = terminator;
    overflowed = overflow;
    prefixLength = (int) Math.min(copied, length);
    return true;
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n = in.read(buffer, 0, buffer.length);
    while (n == 0) {
      n = in.read(buffer, 0, buffer.length);
    }
    if (n < 0) {
      eof = true;
      bufferPos = bufferLimit = 0;
      return false;
    }
    bufferPos = 0;
    bufferLimit = n;
    return true;
  }
}
