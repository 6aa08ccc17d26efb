package io.mailroom.imap.command;

/** The character classes of RFC 3501's formal syntax, for bytes read as 0..255. */
final class ImapChars {
  private ImapChars() {}

  /** ATOM-CHAR: a CHAR but a control, space, "(", ")", "{", "%", "*", DQUOTE, "\" or "]". */
  static boolean isAtomChar(int c) {
    return c > 0x20 && c < 0x7f && c != '(' && c != ')' && c != '{' && c != '%' && c != '*'
        && c != '"' && c != '\\' && c != ']';
  }

  /** ASTRING-CHAR: ATOM-CHAR or resp-specials ("]"). */
  static boolean isAstringChar(int c) {
    return isAtomChar(c) || c == ']';
  }

  /** A tag's characters: any ASTRING-CHAR except "+". */
  static boolean isTagChar(int c) {
    return isAstringChar(c) && c != '+';
  }

  /** list-char: ATOM-CHAR, list-wildcards ("%", "*") or resp-specials. */
  static boolean isListChar(int c) {
    return isAstringChar(c) || c == '%' || c == '*';
  }
}
