package io.mailroom.store.lmtp.wire;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Frames the client's byte stream: command lines, and after DATA a message body streamed to a
 * {@link BodySink} up to the line holding a single ".".
 *
 * <p>The body is written as the store keeps it: every line ending (CRLF, bare LF, bare CR) becomes
 * CRLF and the leading dot of a stuffed line is removed (RFC 5321 4.5.2). Nothing is buffered
 * beyond one chunk, so a message of any size costs the same memory. Past the size limit the rest of
 * the body is read and dropped, so the session can still answer 552 in step with the client.
 */
public final class LmtpFrameReader {
  /** Body bytes are handed to the sink in chunks of about this size. */
  private static final int CHUNK = 64 * 1024;

  private static final int CR = '\r';
  private static final int LF = '\n';
  private static final int DOT = '.';

  private enum State {
    COMMAND,
    /** Inside a command line that passed the limit: dropping bytes up to its LF. */
    OVERLONG,
    BODY_LINE_START,
    /** A "." at the start of a body line: either stuffing or the end of the body. */
    BODY_DOT,
    /** ".\r" at the start of a body line: the end of the body if LF follows. */
    BODY_DOT_CR,
    BODY_IN_LINE,
    /** A CR inside the body: CRLF if LF follows, a bare CR (stored as CRLF) otherwise. */
    BODY_CR
  }

  private final int maxLineLength;
  private final byte[] line;
  private int lineLength;
  private State state = State.COMMAND;

  private BodySink sink;
  private long maxBodySize;
  private long bodyOctets;
  private Buffer chunk;

  public LmtpFrameReader(int maxLineLength) {
    if (maxLineLength < 512) {
      // RFC 5321 4.5.3.1.4: a command line of 512 octets must be accepted.
      throw new IllegalArgumentException("max line length below 512: " + maxLineLength);
    }
    this.maxLineLength = maxLineLength;
    // One more for the CR of a line of exactly the limit.
    this.line = new byte[maxLineLength + 1];
  }

  /** Switches to body mode: the bytes after the DATA line are the message. */
  public void startBody(long maxBodySize, BodySink sink) {
    if (state != State.COMMAND) {
      throw new IllegalStateException("body started in state " + state);
    }
    this.sink = sink;
    this.maxBodySize = maxBodySize;
    this.bodyOctets = 0;
    this.chunk = Buffer.buffer(Math.min(CHUNK, 8 * 1024));
    this.state = State.BODY_LINE_START;
  }

  public boolean inBody() {
    return sink != null;
  }

  /**
   * Consumes bytes until one frame is complete, and returns it; returns null when the input ran out
   * first (the partial frame is kept). Stops after each frame so that the session can answer it,
   * and switch modes, before the next pipelined bytes are read.
   */
  public Frame advance(InboundBytes in) {
    while (!in.isEmpty()) {
      Frame frame = step(in.next());
      if (frame != null) {
        return frame;
      }
    }
    flushChunk();
    return null;
  }

  private Frame step(int octet) {
    switch (state) {
      case COMMAND:
        if (octet == LF) {
          return commandLine();
        }
        if (lineLength == line.length) {
          lineLength = 0;
          state = State.OVERLONG;
        } else {
          line[lineLength++] = (byte) octet;
        }
        return null;
      case OVERLONG:
        if (octet == LF) {
          state = State.COMMAND;
          return new Frame.OverlongLine();
        }
        return null;
      case BODY_LINE_START:
        if (octet == DOT) {
          state = State.BODY_DOT;
        } else {
          bodyOctet(octet);
        }
        return null;
      case BODY_DOT:
        if (octet == CR) {
          state = State.BODY_DOT_CR;
          return null;
        }
        if (octet == LF) {
          return endOfBody();
        }
        // A stuffed line: the first dot is dropped, the rest of the line is content.
        bodyOctet(octet);
        return null;
      case BODY_DOT_CR:
        if (octet == LF) {
          return endOfBody();
        }
        // "." then a bare CR: an empty line (the dot was stuffing), then the next line begins.
        lineEnd();
        state = State.BODY_LINE_START;
        return step(octet);
      case BODY_IN_LINE:
        bodyOctet(octet);
        return null;
      case BODY_CR:
        if (octet == LF) {
          lineEnd();
          state = State.BODY_LINE_START;
          return null;
        }
        lineEnd();
        state = State.BODY_LINE_START;
        return step(octet);
      default:
        throw new IllegalStateException(state.name());
    }
  }

  /** One octet of a body line, in BODY_LINE_START, BODY_DOT or BODY_IN_LINE. */
  private void bodyOctet(int octet) {
    if (octet == CR) {
      state = State.BODY_CR;
    } else if (octet == LF) {
      lineEnd();
      state = State.BODY_LINE_START;
    } else {
      emit(octet);
      state = State.BODY_IN_LINE;
    }
  }

  private void lineEnd() {
    emit(CR);
    emit(LF);
  }

  private void emit(int octet) {
    bodyOctets++;
    if (bodyOctets > maxBodySize) {
      return;
    }
    chunk.appendByte((byte) octet);
    if (chunk.length() >= CHUNK) {
      flushChunk();
    }
  }

  private void flushChunk() {
    if (chunk != null && chunk.length() > 0) {
      sink.write(chunk);
      chunk = Buffer.buffer(Math.min(CHUNK, 8 * 1024));
    }
  }

  private Frame endOfBody() {
    flushChunk();
    Frame end = new Frame.EndOfBody(bodyOctets, bodyOctets > maxBodySize);
    sink = null;
    chunk = null;
    state = State.COMMAND;
    return end;
  }

  private Frame commandLine() {
    int length = lineLength;
    if (length > 0 && line[length - 1] == CR) {
      length--;
    }
    lineLength = 0;
    if (length > maxLineLength) {
      return new Frame.OverlongLine();
    }
    return new Frame.CommandLine(new String(Arrays.copyOf(line, length), StandardCharsets.UTF_8));
  }
}
