package io.mailroom.pop3.response;

import java.nio.charset.StandardCharsets;

/** Encodes a status line. */
public final class StatusLine {
  private StatusLine() {}

  public static byte[] encode(Reply.Status status) {
    var line = new StringBuilder(status.ok() ? "+OK" : "-ERR");
    status.code().ifPresent(code -> line.append(" [").append(code.text()).append(']'));
    if (!status.text().isEmpty()) {
      line.append(' ').append(safe(status.text()));
    }
    return line.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Text may carry something the client sent (a user name); a CR or LF in it would let the client
   * forge a response line, so control characters become spaces.
   */
  static String safe(String text) {
    var out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? ' ' : c);
    }
    return out.toString();
  }
}
