package io.mailroom.store.lmtp.command;

import java.util.List;

/** The "<path> KEY=VALUE ..." tail of MAIL FROM and RCPT TO, split but not yet interpreted. */
record PathAndParameters(String path, List<String> parameters) {

  /** Returns null when the path is not well formed. */
  static PathAndParameters split(String text) {
    String path;
    String rest;
    if (text.startsWith("<")) {
      int close = closingBracket(text);
      if (close < 0) {
        return null;
      }
      path = text.substring(1, close);
      rest = text.substring(close + 1);
      if (!rest.isEmpty() && rest.charAt(0) != ' ') {
        return null;
      }
    } else {
      // Some clients omit the brackets; accept a single token as the path.
      int space = text.indexOf(' ');
      path = space < 0 ? text : text.substring(0, space);
      rest = space < 0 ? "" : text.substring(space);
      if (path.isEmpty()) {
        return null;
      }
    }
    String parameters = rest.strip();
    return new PathAndParameters(
        path, parameters.isEmpty() ? List.of() : List.of(parameters.split(" +")));
  }

  /** The index of the '>' closing the path, skipping quoted local parts; -1 if none. */
  private static int closingBracket(String text) {
    boolean quoted = false;
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted && c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == '>' && !quoted) {
        return i;
      }
    }
    return -1;
  }
}
