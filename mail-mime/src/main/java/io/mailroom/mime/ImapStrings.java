package io.mailroom.mime;

import java.nio.charset.StandardCharsets;

/**
 * Writes IMAP strings the way Dovecot does: a quoted string when that is possible and short, a
 * literal otherwise.
 *
 * <p>The rule: a literal {@code {n}\r\n...} when the value holds CR, LF or any non-ASCII character,
 * or more than four quoted-specials ({@code "} and {@code \}, where a literal gets cheaper);
 * otherwise a quoted string with {@code "} and {@code \} escaped. NUL, which no IMAP string may
 * hold, is dropped. The response is sent as UTF-8, so {@code n} counts UTF-8 octets.
 */
final class ImapStrings {
  private static final int QUOTED_MAX_ESCAPES = 4;

  private ImapStrings() {}

  static void appendNString(StringBuilder out, String value) {
    if (value == null) {
      out.append("NIL");
      return;
    }
    String s = value.indexOf('\0') >= 0 ? value.replace("\0", "") : value;
    int escapes = 0;
    boolean literal = false;
    for (int i = 0; i < s.length() && !literal; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        literal = ++escapes > QUOTED_MAX_ESCAPES;
      } else if (c == '\r' || c == '\n' || c >= 0x80) {
        literal = true;
      }
    }
    if (literal) {
      out.append('{').append(s.getBytes(StandardCharsets.UTF_8).length).append("}\r\n").append(s);
      return;
    }
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('"');
  }

  static String nstring(String value) {
    StringBuilder sb = new StringBuilder();
    appendNString(sb, value);
    return sb.toString();
  }
}
