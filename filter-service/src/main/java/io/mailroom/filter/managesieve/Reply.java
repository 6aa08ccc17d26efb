package io.mailroom.filter.managesieve;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A response to one command; the only code that writes protocol bytes. Anything that came from a
 * client or a script is sent as a quoted string when safe, else as a literal, so a CRLF in it can
 * never forge a response line.
 */
public final class Reply {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private boolean close;
  private boolean startTls;

  public static Reply ok(String text) {
    return new Reply().status("OK", null, text);
  }

  public static Reply no(String text) {
    return new Reply().status("NO", null, text);
  }

  public static Reply no(String code, String text) {
    return new Reply().status("NO", code, text);
  }

  public static Reply bye(String text) {
    return new Reply().status("BYE", null, text).closing();
  }

  /** Adds a final OK/NO/BYE line, with an optional response code. */
  public Reply status(String status, String code, String text) {
    write(status);
    if (code != null) {
      write(" (" + code + ")");
    }
    if (text != null) {
      write(" ");
      string(text);
    }
    return crlf();
  }

  public Reply line(String raw) {
    write(raw);
    return crlf();
  }

  /** A string as quoted or literal, whichever is safe. */
  public Reply string(String text) {
    var octets = text.getBytes(StandardCharsets.UTF_8);
    if (quotable(text) && octets.length < 1024) {
      write("\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    } else {
      write("{" + octets.length + "}\r\n");
      bytes.writeBytes(octets);
    }
    return this;
  }

  /** Octets as they are (a literal's body). */
  public Reply raw(byte[] octets) {
    bytes.writeBytes(octets);
    return this;
  }

  public Reply space() {
    write(" ");
    return this;
  }

  public Reply crlf() {
    write("\r\n");
    return this;
  }

  public Reply prepend(Reply first) {
    var combined = new Reply();
    combined.bytes.writeBytes(first.bytes.toByteArray());
    combined.bytes.writeBytes(bytes.toByteArray());
    combined.close = close || first.close;
    combined.startTls = startTls || first.startTls;
    return combined;
  }

  public Reply closing() {
    close = true;
    return this;
  }

  /** The connection switches to TLS once this reply is written. */
  public Reply thenStartTls() {
    startTls = true;
    return this;
  }

  public boolean closes() {
    return close;
  }

  public boolean startsTls() {
    return startTls;
  }

  /** The bytes as text (for embedding a quoted string in a response code). */
  public String asText() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  public byte[] bytes() {
    return bytes.toByteArray();
  }

  private void write(String text) {
    bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean quotable(String text) {
    for (int i = 0; i < text.length(); i++) {
      var c = text.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        return false;
      }
    }
    return true;
  }
}
