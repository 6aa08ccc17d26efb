package io.mailroom.imap.command;

/** The command does not follow the grammar; answered with a tagged BAD. */
public final class SyntaxError extends RuntimeException {
  public SyntaxError(String message) {
    super(message, null, false, false);
  }
}
