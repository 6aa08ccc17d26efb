package io.mailroom.imap.wire;

import java.util.List;

/**
 * A client announced a literal at the end of a line: the command so far (without its literal
 * bytes), the size, and whether it is non-synchronizing (LITERAL+ "{n+}", no "+" expected).
 */
public record LiteralAnnouncement(
    List<byte[]> linesSoFar, List<Literal> literalsSoFar, long size, boolean nonSynchronizing) {
  /** The command up to the literal, as if it ended there (lets a sink recognise APPEND). */
  public RawCommand prefix() {
    return new RawCommand(linesSoFar, literalsSoFar);
  }
}
