package io.mailroom.bench.pop3;

import io.vertx.core.buffer.Buffer;

/**
 * One POP3 response: the status line after +OK or -ERR, and for a multi-line response (UIDL, LIST,
 * RETR) its lines with the dot-stuffing removed and CRLF kept, the terminating "." excluded.
 */
public record Pop3Reply(boolean ok, String text, Buffer body) {

  /** The first word of the status text as a number (the octets of RETR, the count of STAT). */
  public long number(int word) {
    String[] words = text.trim().split("\\s+");
    return words.length > word ? Long.parseLong(words[word]) : -1;
  }

  /** The status text's first word when it is a number (RETR's octets), otherwise -1. */
  public long leadingNumber() {
    String word = text.trim().split("\\s+", 2)[0];
    return !word.isEmpty() && word.length() < 19 && word.chars().allMatch(Character::isDigit)
        ? Long.parseLong(word)
        : -1;
  }

  @Override
  public String toString() {
    return (ok ? "+OK " : "-ERR ") + text + (body == null ? "" : " [" + body.length() + " bytes]");
  }
}
