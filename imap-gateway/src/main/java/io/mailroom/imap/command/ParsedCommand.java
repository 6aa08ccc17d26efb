package io.mailroom.imap.command;

/** The result of parsing one framed command. */
public sealed interface ParsedCommand {
  String tag();

  record Valid(String tag, Command command) implements ParsedCommand {}

  /** Not understood: a tagged BAD (tag "*" if even the tag was unreadable). */
  record Invalid(String tag, String message) implements ParsedCommand {}

  /** Understood but refused before running: a tagged NO with a response code. */
  record Refused(String tag, String name, String code, String message) implements ParsedCommand {}
}
