package io.mailroom.pop3.wire;

/** What the framer found in the client's bytes: a complete line, or a line over the limit. */
public sealed interface Frame {
  /**
   * A command line without its line end. POP3 commands are US-ASCII; other bytes pass as Latin-1.
   */
  record Line(String text) implements Frame {}

  /** The client sent more than the maximum without a line end; the session must end. */
  record TooLong(int limit) implements Frame {}
}
