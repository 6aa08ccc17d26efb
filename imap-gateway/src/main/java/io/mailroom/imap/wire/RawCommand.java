package io.mailroom.imap.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One complete client command as framed on the wire: its line segments and the literals between
 * them. A command without literals has one line; {@code lines.size() == literals.size() + 1}. Each
 * line keeps its "{n}" announcement so the parser sees where a literal goes.
 */
public record RawCommand(List<byte[]> lines, List<Literal> literals) {
  public RawCommand {
    lines = List.copyOf(lines);
    literals = List.copyOf(literals);
    if (lines.size() != literals.size() + 1) {
      throw new IllegalArgumentException("lines must be literals + 1");
    }
  }

  public static RawCommand of(String line) {
    return new RawCommand(List.of(line.getBytes(StandardCharsets.UTF_8)), List.of());
  }

  /** The first line as text, for continuations (SASL responses, IDLE's DONE). */
  public String firstLine() {
    return new String(lines.get(0), StandardCharsets.UTF_8);
  }
}
