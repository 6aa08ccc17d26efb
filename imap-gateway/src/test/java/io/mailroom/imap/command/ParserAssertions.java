package io.mailroom.imap.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.imap.wire.Literal;
import io.mailroom.imap.wire.RawCommand;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

/** What the parser tests ask of CommandParser: a command that parses, or the reason it does not. */
final class ParserAssertions {
  private ParserAssertions() {}

  /** Builds a framed command: "{n}" markers in the text are followed by the literal's bytes. */
  static RawCommand framed(String... linesAndLiterals) {
    var lines = new ArrayList<byte[]>();
    var literals = new ArrayList<Literal>();
    for (int i = 0; i < linesAndLiterals.length; i++) {
      byte[] b = linesAndLiterals[i].getBytes(StandardCharsets.UTF_8);
      if (i % 2 == 0) {
        lines.add(b);
      } else {
        literals.add(new Literal.Inline(b));
      }
    }
    return new RawCommand(lines, literals);
  }

  static Command valid(RawCommand raw) {
    ParsedCommand parsed = CommandParser.parse(raw);
    assertThat(parsed).isInstanceOf(ParsedCommand.Valid.class);
    return ((ParsedCommand.Valid) parsed).command();
  }

  static Command valid(String line) {
    return valid(RawCommand.of(line));
  }

  /** A command whose one literal ends the first line, and the rest of it. */
  static Command valid(String line, String literal, String rest) {
    return valid(framed(line, literal, rest));
  }

  static String bad(String line) {
    ParsedCommand parsed = CommandParser.parse(RawCommand.of(line));
    assertThat(parsed).as(line).isInstanceOf(ParsedCommand.Invalid.class);
    return ((ParsedCommand.Invalid) parsed).message();
  }
}
