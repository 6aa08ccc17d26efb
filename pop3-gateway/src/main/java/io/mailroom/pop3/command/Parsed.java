package io.mailroom.pop3.command;

/** The parser's verdict on one line. */
public sealed interface Parsed {
  record Ok(Command command) implements Parsed {}

  /** Not a command we accept; {@code reason} goes to the client after "-ERR ". */
  record Rejected(String commandName, String reason) implements Parsed {}
}
