package io.mailroom.filter.managesieve.wire;

import io.mailroom.wire.AnnouncedLiteral;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the client's bytes into commands (lists of arguments), RFC 5804 4: atoms, quoted strings,
 * and literals {n+} or {n} (both accepted; no continuation is ever sent). A state machine fed any
 * split of the input: a line, then possibly a literal's octets, then the rest of the line. Limits:
 * the line length, and the literal size.
 */
public final class CommandFramer {
  private enum State {
    LINE,
    LITERAL,
    SKIP_LITERAL
  }

  private final int maxLine;
  private final int maxLiteral;
  private final Consumer<Framed> commands;

  private State state = State.LINE;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private ByteArrayOutputStream literal;
  private int literalRemaining;
  private List<Argument> pending = new ArrayList<>();
  private boolean discarding;
  private long skipRemaining;
  private boolean literalRefused;

  public CommandFramer(int maxLine, int maxLiteral, Consumer<Framed> commands) {
    this.maxLine = maxLine;
    this.maxLiteral = maxLiteral;
    this.commands = commands;
  }

  /** Feeds bytes; complete commands go to the consumer, in order. */
  public void feed(byte[] bytes) throws FramingException {
    int i = 0;
    while (i < bytes.length) {
      if (state == State.SKIP_LITERAL) {
        var take = (int) Math.min(skipRemaining, bytes.length - i);
        i += take;
        skipRemaining -= take;
        if (skipRemaining == 0) {
          state = State.LINE;
        }
        continue;
      }
      if (state == State.LITERAL) {
        var take = Math.min(literalRemaining, bytes.length - i);
        literal.write(bytes, i, take);
        i += take;
        literalRemaining -= take;
        if (literalRemaining == 0) {
          pending.add(new Argument.Str(literal.toByteArray()));
          literal = null;
          state = State.LINE;
        }
        continue;
      }
      var b = bytes[i++];
      if (b == '\n') {
        var text = line.toByteArray();
        line.reset();
        var length =
            text.length > 0 && text[text.length - 1] == '\r' ? text.length - 1 : text.length;
        if (discarding) {
          discarding = false;
          malformed("line too long (at most " + maxLine + " octets)");
          continue;
        }
        if (literalRefused) {
          // The rest of a command whose literal was too large: refuse it as a whole.
          literalRefused = false;
          pending = new ArrayList<>();
          commands.accept(new Framed.TooLarge(maxLiteral));
          continue;
        }
        endOfLine(text, length);
        continue;
      }
      if (discarding) {
        continue;
      }
      if (line.size() >= maxLine) {
        // Swallow the rest of the line, then refuse the command.
        discarding = true;
        line.reset();
        continue;
      }
      line.write(b);
    }
  }

  private void endOfLine(byte[] text, int length) throws FramingException {
    var position = 0;
    while (position < length) {
      var c = text[position];
      if (c == ' ') {
        position++;
      } else if (c == '"') {
        position = quoted(text, length, position + 1);
        if (position < 0) {
          malformed("unterminated quoted string");
          return;
        }
      } else if (c == '{') {
        var close = indexOf(text, length, position, (byte) '}');
        if (close != length - 1) {
          malformed("a literal must end the line");
          return;
        }
        var start = position;
        var announced =
            AnnouncedLiteral.endingLine(text, length).filter(literal -> literal.offset() == start);
        if (announced.isEmpty()) {
          malformed("bad literal length");
          return;
        }
        var size = announced.get().size();
        if (size > Integer.MAX_VALUE) {
          throw new FramingException("literal length out of range", true);
        }
        if (size > maxLiteral) {
          // The octets are on their way (non-synchronizing): read past them, never keep them.
          skipRemaining = size;
          literalRefused = true;
          state = size == 0 ? State.LINE : State.SKIP_LITERAL;
          return;
        }
        literalRemaining = (int) size;
        literal = new ByteArrayOutputStream((int) size);
        if (size == 0) {
          pending.add(new Argument.Str(new byte[0]));
        } else {
          state = State.LITERAL;
        }
        return;
      } else {
        var end = position;
        while (end < length && text[end] != ' ') {
          end++;
        }
        pending.add(
            new Argument.Atom(new String(text, position, end - position, StandardCharsets.UTF_8)));
        position = end;
      }
    }
    var command = pending;
    pending = new ArrayList<>();
    if (!command.isEmpty()) {
      commands.accept(new Framed.Command(command));
    }
  }

  private int quoted(byte[] text, int length, int start) {
    var value = new ByteArrayOutputStream();
    var i = start;
    while (i < length) {
      var c = text[i];
      if (c == '\\' && i + 1 < length) {
        value.write(text[i + 1]);
        i += 2;
      } else if (c == '"') {
        pending.add(new Argument.Str(value.toByteArray()));
        return i + 1;
      } else {
        value.write(c);
        i++;
      }
    }
    return -1;
  }

  private void malformed(String reason) {
    pending = new ArrayList<>();
    commands.accept(new Framed.Malformed(reason));
  }

  private static int indexOf(byte[] text, int length, int from, byte wanted) {
    for (int i = from; i < length; i++) {
      if (text[i] == wanted) {
        return i;
      }
    }
    return -1;
  }
}
