package io.mailroom.imap.command;

import io.mailroom.imap.wire.Literal;
import io.mailroom.imap.wire.RawCommand;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Reads the tokens of RFC 3501's grammar from a framed command, crossing from a line into the
 * literal it announced and on to the next line.
 */
public final class ArgumentReader {
  private final RawCommand raw;
  private int segment;
  private int pos;
  private int literalIndex;

  public ArgumentReader(RawCommand raw) {
    this.raw = raw;
  }

  private byte[] line() {
    return raw.lines().get(segment);
  }

  /** Moves past the run of bytes on this line that {@code accepted} takes; returns its start. */
  private int skipWhile(IntPredicate accepted) {
    int start = pos;
    while (pos < line().length && accepted.test(line()[pos] & 0xff)) {
      pos++;
    }
    return start;
  }

  /** The next byte, or -1 at the end of the command. */
  public int peek() {
    return pos < line().length ? line()[pos] & 0xff : -1;
  }

  /** True while reading the last line (whose end announced the literal in flight, if any). */
  public boolean onLastLine() {
    return segment == raw.lines().size() - 1;
  }

  public boolean atEnd() {
    return pos >= line().length && segment == raw.lines().size() - 1;
  }

  public void end() {
    if (!atEnd()) {
      throw new SyntaxError("Extra arguments");
    }
  }

  public void sp() {
    if (peek() != ' ') {
      throw new SyntaxError(atEnd() ? "Missing arguments" : "Expected a space");
    }
    pos++;
  }

  /** Consumes a space if the command continues. */
  public boolean spIfMore() {
    if (peek() == ' ') {
      pos++;
      return true;
    }
    return false;
  }

  public boolean consume(char c) {
    if (peek() == c) {
      pos++;
      return true;
    }
    return false;
  }

  public void expect(char c) {
    if (!consume(c)) {
      throw new SyntaxError("Expected '" + c + "'");
    }
  }

  /** The tag: any ASTRING-CHAR but "+". */
  public String tag() {
    int start = skipWhile(ImapChars::isTagChar);
    if (pos == start) {
      throw new SyntaxError("Missing tag");
    }
    return ascii(start, pos);
  }

  /** An atom (command names, flags without backslash, keywords). */
  public String atom() {
    int start = skipWhile(ImapChars::isAtomChar);
    if (pos == start) {
      throw new SyntaxError(atEnd() ? "Missing arguments" : "Expected an atom");
    }
    return ascii(start, pos);
  }

  /** A run of characters up to a space or the end: sequence sets, numbers. */
  public String word() {
    int start = skipWhile(c -> c != ' ' && c != ')' && c != '(');
    if (pos == start) {
      throw new SyntaxError(atEnd() ? "Missing arguments" : "Expected an argument");
    }
    return ascii(start, pos);
  }

  /** The next space-delimited word, not consumed (to tell optional keywords apart). */
  public String lookaheadWord() {
    int end = pos;
    while (end < line().length && line()[end] != ' ') {
      end++;
    }
    return ascii(pos, end);
  }

  /** A number: digits only (so "0.1024>" reads as 0 and leaves ".1024>"). */
  public long number() {
    int start = skipWhile(c -> c >= '0' && c <= '9');
    if (pos == start || pos - start > 18) {
      throw new SyntaxError(atEnd() ? "Missing arguments" : "Expected a number");
    }
    return Long.parseLong(ascii(start, pos));
  }

  /** A flag: "\Seen" or a keyword atom. */
  public String flag() {
    if (consume('\\')) {
      if (consume('*')) {
        return "\\*";
      }
      return "\\" + atom();
    }
    return atom();
  }

  /** A parenthesized flag list, or a bare flag list when {@code allowBare}. */
  public List<String> flagList(boolean allowBare) {
    var flags = new ArrayList<String>();
    if (consume('(')) {
      while (!consume(')')) {
        if (!flags.isEmpty()) {
          sp();
        }
        flags.add(flag());
      }
      return flags;
    }
    if (!allowBare) {
      throw new SyntaxError("Expected a flag list");
    }
    flags.add(flag());
    while (peek() == ' ') {
      pos++;
      flags.add(flag());
    }
    return flags;
  }

  public byte[] astringBytes() {
    int c = peek();
    if (c == '"' || c == '{') {
      return stringBytes();
    }
    int start = skipWhile(ImapChars::isAstringChar);
    if (pos == start) {
      throw new SyntaxError(atEnd() ? "Missing arguments" : "Expected a string");
    }
    return Arrays.copyOfRange(line(), start, pos);
  }

  public String astring() {
    return utf8(astringBytes());
  }

  /** A mailbox name: astring, converted from modified UTF-7. */
  public String mailbox() {
    return MailboxName.fromImap(astring());
  }

  /** LIST's list-mailbox: list-chars (ATOM-CHAR, "%", "*", "]") or a string. */
  public String listMailbox() {
    int c = peek();
    if (c == '"' || c == '{') {
      return string();
    }
    int start = skipWhile(ImapChars::isListChar);
    if (pos == start) {
      throw new SyntaxError("Missing arguments");
    }
    return ascii(start, pos);
  }

  public String string() {
    return utf8(stringBytes());
  }

  /** A quoted string or a literal. */
  public byte[] stringBytes() {
    if (consume('"')) {
      var out = new ByteArrayOutputStream();
      while (true) {
        int c = peek();
        if (c < 0) {
          throw new SyntaxError("Unterminated quoted string");
        }
        pos++;
        if (c == '"') {
          return out.toByteArray();
        }
        if (c == '\\') {
          int e = peek();
          if (e != '\\' && e != '"') {
            throw new SyntaxError("Invalid escape in quoted string");
          }
          pos++;
          c = e;
        }
        out.write(c);
      }
    }
    if (peek() == '{') {
      Literal literal = literal();
      if (literal instanceof Literal.Inline inline) {
        return inline.bytes();
      }
      throw new SyntaxError("Literal too large here");
    }
    throw new SyntaxError(atEnd() ? "Missing arguments" : "Expected a string");
  }

  /** "NIL" or a string. */
  public byte[] nstringBytes() {
    if (peek() == 'N' || peek() == 'n') {
      String a = atom();
      if (!a.equalsIgnoreCase("NIL")) {
        throw new SyntaxError("Expected NIL or a string");
      }
      return null;
    }
    return stringBytes();
  }

  /** A "{n}" or "{n+}" at the end of a line: the literal that followed it. */
  public Literal literal() {
    expect('{');
    int start = pos;
    while (pos < line().length && line()[pos] != '}') {
      pos++;
    }
    if (pos >= line().length) {
      throw new SyntaxError("Invalid literal");
    }
    pos++;
    if (pos != line().length || literalIndex >= raw.literals().size()) {
      throw new SyntaxError("Invalid literal");
    }
    String spec = ascii(start, pos - 1);
    if (!spec.matches("[0-9]{1,18}\\+?")) {
      throw new SyntaxError("Invalid literal");
    }
    Literal literal = raw.literals().get(literalIndex++);
    segment++;
    pos = 0;
    return literal;
  }

  private String ascii(int from, int to) {
    return new String(line(), from, to - from, StandardCharsets.US_ASCII);
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
