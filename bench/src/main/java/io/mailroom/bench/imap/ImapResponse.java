package io.mailroom.bench.imap;

import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * One response from the server: an untagged {@code *} line, a {@code +} continuation request or a
 * tagged completion. {@code text} is the whole logical line without its CRLFs and without the bytes
 * of its literals, which stay as {@code {n}} markers in the text and in order in {@code literals}.
 * For a tagged response {@code text} starts after the tag.
 */
public record ImapResponse(Kind kind, String tag, String text, List<Buffer> literals) {

  public enum Kind {
    UNTAGGED,
    CONTINUATION,
    TAGGED
  }

  public ImapResponse {
    literals = List.copyOf(literals);
  }

  /** Splits a logical line into kind, tag and text. */
  static ImapResponse of(String line, List<Buffer> literals) {
    if (line.startsWith("* ")) {
      return new ImapResponse(Kind.UNTAGGED, "*", line.substring(2), literals);
    }
    if (line.equals("+") || line.startsWith("+ ")) {
      return new ImapResponse(
          Kind.CONTINUATION, "+", line.length() > 2 ? line.substring(2) : "", literals);
    }
    int space = line.indexOf(' ');
    return space < 0
        ? new ImapResponse(Kind.TAGGED, line, "", literals)
        : new ImapResponse(
            Kind.TAGGED, line.substring(0, space), line.substring(space + 1), literals);
  }

  /** The first word of the text: OK/NO/BAD/BYE/PREAUTH, or the data kind (CAPABILITY, LIST...). */
  public String firstWord() {
    int space = text.indexOf(' ');
    return space < 0 ? text : text.substring(0, space);
  }

  /**
   * For an untagged {@code * n KEYWORD ...} response (EXISTS, EXPUNGE, FETCH, RECENT), n when the
   * keyword matches, otherwise -1. Compares without allocating: it runs on every untagged line.
   */
  public long numbered(String keyword) {
    if (kind != Kind.UNTAGGED) {
      return -1;
    }
    int i = 0;
    long n = 0;
    while (i < text.length() && isDigit(text.charAt(i))) {
      n = n * 10 + (text.charAt(i) - '0');
      i++;
    }
    if (i == 0 || i >= text.length() || text.charAt(i) != ' ') {
      return -1;
    }
    int end = i + 1 + keyword.length();
    if (text.regionMatches(true, i + 1, keyword, 0, keyword.length())
        && (end == text.length() || text.charAt(end) == ' ')) {
      return n;
    }
    return -1;
  }

  /** True for an untagged response whose first word is the given one (SEARCH, STATUS, LIST). */
  public boolean isData(String word) {
    return kind == Kind.UNTAGGED
        && text.regionMatches(true, 0, word, 0, word.length())
        && (text.length() == word.length() || text.charAt(word.length()) == ' ');
  }

  /** The response code in brackets after OK/NO/BAD, such as {@code APPENDUID 7 42}, or "". */
  public String responseCode() {
    int space = text.indexOf(' ');
    if (space < 0 || space + 1 >= text.length() || text.charAt(space + 1) != '[') {
      return "";
    }
    int close = text.indexOf(']', space + 2);
    return close < 0 ? "" : text.substring(space + 2, close);
  }

  @Override
  public String toString() {
    String head = kind == Kind.UNTAGGED ? "* " : kind == Kind.CONTINUATION ? "+ " : tag + " ";
    String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
    return head + shown;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
