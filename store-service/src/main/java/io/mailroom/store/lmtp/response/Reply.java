package io.mailroom.store.lmtp.response;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One server reply: a code and one or more lines of text (RFC 5321 4.2). This is the only code that
 * turns replies into bytes, and it removes control characters from the text, so an address the
 * client sent cannot forge a reply line when echoed.
 *
 * @param code the three-digit reply code
 * @param lines the text of each line, enhanced status code included where there is one
 */
public record Reply(int code, List<String> lines) {
  private static final Pattern FULL_LINE = Pattern.compile("([245][0-5][0-9])(?: (.*))?");

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

  /**
   * Reads a full reply line such as the store's "452 4.2.2 over quota". Anything that is not one
   * becomes a temporary failure, so the MTA retries instead of losing the message.
   */
  public static Reply fromLine(String line) {
    var match = line == null ? null : FULL_LINE.matcher(line.strip());
    if (match == null || !match.matches() || match.group(2) == null) {
      return of(451, "4.3.0", "delivery failed, try again later");
    }
    return new Reply(Integer.parseInt(match.group(1)), List.of(match.group(2)));
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
