package io.mailroom.imap.wire;

import io.mailroom.wire.AnnouncedLiteral;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Frames IMAP commands out of a byte stream: CRLF lines, synchronizing literals "{n}" and
 * non-synchronizing ones "{n+}", split across reads at any byte, several commands per read.
 *
 * <p>The decoder can be paused by its sink (one command at a time: the session pauses while a
 * command runs) and keeps the unread bytes until {@link #resume()}.
 */
public final class FrameDecoder {

  /** Where the decoder is; the literal state carries what it still has to read. */
  private sealed interface State {}

  private record ReadingLine() implements State {}

  private record ReadingLiteral(long size, long remaining, boolean streamed) implements State {}

  private record Stopped() implements State {}

  private static final State READING_LINE = new ReadingLine();

  private final FrameLimits limits;
  private final FrameSink sink;
  private final ArrayDeque<byte[]> input = new ArrayDeque<>();
  private int inputOffset;
  private State state = READING_LINE;
  private boolean paused;
  private boolean draining;
  private RawCommand ready;

  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final ByteArrayOutputStream literal = new ByteArrayOutputStream();
  private final List<byte[]> lines = new ArrayList<>();
  private final List<Literal> literals = new ArrayList<>();
  private long commandLength;

  public FrameDecoder(FrameLimits limits, FrameSink sink) {
    this.limits = limits;
    this.sink = sink;
  }

  /** Adds bytes read from the socket and frames as much as possible. */
  public void feed(byte[] bytes) {
    if (bytes.length == 0 || state instanceof Stopped) {
      return;
    }
    input.add(bytes);
    drain();
  }

  /** Holds back further commands (the bytes are kept). */
  public void pause() {
    paused = true;
  }

  /** Continues with any bytes kept while paused. */
  public void resume() {
    paused = false;
    drain();
  }

  public boolean isPaused() {
    return paused;
  }

  /** True when bytes are waiting that were not framed yet (pipelined commands). */
  public boolean hasBufferedInput() {
    return !input.isEmpty();
  }

  /** Stops for good: nothing more is framed (the connection is closing). */
  public void stop() {
    state = new Stopped();
    input.clear();
  }

  private void drain() {
    // The sink may resume us from inside a callback (a command that completes at once); the
    // loop below then simply goes on, instead of a nested drain reading the same bytes again.
    if (draining) {
      return;
    }
    draining = true;
    try {
      drainLoop();
    } finally {
      draining = false;
    }
  }

  private void drainLoop() {
    while (!paused && !input.isEmpty()) {
      if (state instanceof Stopped) {
        input.clear();
        return;
      }
      byte[] head = input.peek();
      int consumed =
          state instanceof ReadingLiteral lit
              ? readLiteral(head, inputOffset, lit)
              : readLine(head, inputOffset);
      inputOffset += consumed;
      if (inputOffset >= head.length) {
        input.poll();
        inputOffset = 0;
      }
      // Only now, with the bytes accounted for, may the sink see the command: it may ask
      // whether anything follows it (STARTTLS) or pause us.
      if (ready != null) {
        var command = ready;
        ready = null;
        sink.command(command);
      }
    }
  }

  private int readLine(byte[] buf, int from) {
    int lf = -1;
    for (int i = from; i < buf.length; i++) {
      if (buf[i] == '\n') {
        lf = i;
        break;
      }
    }
    int end = lf < 0 ? buf.length : lf;
    line.write(buf, from, end - from);
    if (line.size() > limits.maxLineLength() + 1) {
      stopWith("Line too long");
      return buf.length - from;
    }
    if (lf < 0) {
      return buf.length - from;
    }
    byte[] text = line.toByteArray();
    line.reset();
    int length = text.length;
    if (length > 0 && text[length - 1] == '\r') {
      length--;
    }
    text = length == text.length ? text : Arrays.copyOf(text, length);
    if (text.length > limits.maxLineLength()) {
      stopWith("Line too long");
      return lf + 1 - from;
    }
    commandLength += text.length;
    if (commandLength > limits.maxCommandLength()) {
      stopWith("Command too long");
      return lf + 1 - from;
    }
    lines.add(text);
    // A number too large for a long is no announcement: the parser will reject the command.
    AnnouncedLiteral.endingLine(text)
        .ifPresentOrElse(
            literal -> startLiteral(literal.size(), literal.nonSynchronizing()), this::emitCommand);
    return lf + 1 - from;
  }

  private void startLiteral(long size, boolean nonSync) {
    var decision =
        sink.literal(
            new LiteralAnnouncement(List.copyOf(lines), List.copyOf(literals), size, nonSync));
    switch (decision) {
      case BUFFER -> {
        if (commandLength + size > limits.maxCommandLength()) {
          // The sink should have refused; never buffer beyond the limit.
          stopWith("Command too long");
          return;
        }
        commandLength += size;
        state = new ReadingLiteral(size, size, false);
      }
      case STREAM -> state = new ReadingLiteral(size, size, true);
      case REFUSE -> {
        resetCommand();
        if (nonSync) {
          state = new Stopped();
          input.clear();
        }
        return;
      }
    }
    if (size == 0) {
      finishLiteral((ReadingLiteral) state);
    }
  }

  private int readLiteral(byte[] buf, int from, ReadingLiteral lit) {
    int n = (int) Math.min(lit.remaining(), buf.length - from);
    if (lit.streamed()) {
      n = Math.min(n, limits.maxSlice());
      sink.literalData(Arrays.copyOfRange(buf, from, from + n));
    } else {
      literal.write(buf, from, n);
    }
    var next = new ReadingLiteral(lit.size(), lit.remaining() - n, lit.streamed());
    if (state instanceof Stopped) {
      return n;
    }
    state = next;
    if (next.remaining() == 0) {
      finishLiteral(next);
    }
    return n;
  }

  private void finishLiteral(ReadingLiteral lit) {
    if (lit.streamed()) {
      literals.add(new Literal.Streamed(lit.size()));
    } else {
      literals.add(new Literal.Inline(literal.toByteArray()));
      literal.reset();
    }
    state = READING_LINE;
  }

  private void emitCommand() {
    ready = new RawCommand(lines, literals);
    resetCommand();
  }

  private void resetCommand() {
    lines.clear();
    literals.clear();
    literal.reset();
    commandLength = 0;
    state = READING_LINE;
  }

  private void stopWith(String reason) {
    resetCommand();
    line.reset();
    state = new Stopped();
    input.clear();
    sink.tooLong(reason);
  }
}
