package io.mailroom.store.lmtp.response;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One server reply: a code and one or more lines of text (RFC 5321 4.2). This is the only code that
 * turns replies into bytes, and it removes control characters from the text, so an address the
 * client sent cannot forge a reply line when echoed.
 *
 * @param code the three-digit reply code
 * @param lines the text of each line, enhanced status code included where there is one
 */
public record Reply(int code, List<String> lines) {
  public Reply {
    if (code < 200 || code > 599) {
      throw new IllegalArgumentException("reply code " + code);
    }
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("reply without text");
    }
    lines = List.copyOf(lines);
  }

  /** A single-line reply with an enhanced status code (RFC 3463, RFC 2034). */
  public static Reply of(int code, String enhanced, String text) {
    return new Reply(code, List.of(enhanced + " " + text));
  }

  public boolean positive() {
    return code < 400;
  }

  public Buffer encode() {
    var out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      out.append(code).append(i < lines.size() - 1 ? '-' : ' ');
      appendClean(out, lines.get(i));
      out.append("\r\n");
    }
    return Buffer.buffer(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return encode().toString(StandardCharsets.UTF_8).stripTrailing();
  }

  private static void appendClean(StringBuilder out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? ' ' : c);
    }
  }
}
