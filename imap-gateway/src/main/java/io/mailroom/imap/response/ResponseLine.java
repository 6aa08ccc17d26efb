package io.mailroom.imap.response;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds one response line. Anything that may hold client-supplied text goes through {@link
 * #string}, which quotes it or, if it holds CR, LF, NUL, 8-bit or too much, sends it as a literal,
 * so client text can never end a line early and forge another response.
 */
public final class ResponseLine {
  private static final int MAX_QUOTED = 1024;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

  private ResponseLine(String start) {
    ascii(start);
  }

  public static ResponseLine untagged() {
    return new ResponseLine("*");
  }

  public static ResponseLine tagged(String tag) {
    return new ResponseLine(tag);
  }

  /** A piece of a line (a FETCH item name), to be written by this package. */
  static ResponseLine fragment() {
    return new ResponseLine("");
  }

  public static ResponseLine continuation() {
    return new ResponseLine("+");
  }

  public ResponseLine sp() {
    out.write(' ');
    return this;
  }

  /** A token the server chose (command names, flags, codes); never client text. */
  public ResponseLine atom(String atom) {
    for (int i = 0; i < atom.length(); i++) {
      char c = atom.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException("not an atom: control or 8-bit character");
      }
    }
    ascii(atom);
    return this;
  }

  public ResponseLine number(long n) {
    ascii(Long.toString(n));
    return this;
  }

  /** IMAP syntax the store produced (ENVELOPE, BODYSTRUCTURE); a line break in it is refused. */
  public ResponseLine syntax(String imap) {
    byte[] bytes = imap.getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      if (b == '\r' || b == '\n' || b == 0) {
        throw new IllegalArgumentException("line break inside IMAP syntax");
      }
    }
    out.writeBytes(bytes);
    return this;
  }

  /** Human-readable text (resp-text); line breaks and controls become spaces. */
  public ResponseLine text(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.write(c < 0x20 || c > 0x7e ? ' ' : c);
    }
    return this;
  }

  public ResponseLine string(String value) {
    return string(value.getBytes(StandardCharsets.UTF_8));
  }

  /** A string: quoted when safe, else a literal. */
  public ResponseLine string(byte[] value) {
    if (quotable(value)) {
      out.write('"');
      for (byte b : value) {
        if (b == '"' || b == '\\') {
          out.write('\\');
        }
        out.write(b);
      }
      out.write('"');
    } else {
      ascii("{" + value.length + "}\r\n");
      out.writeBytes(value);
    }
    return this;
  }

  public ResponseLine nstring(String value) {
    return value == null ? atom("NIL") : string(value);
  }

  /** "(a b c)" of server-chosen atoms. */
  public ResponseLine atomList(List<String> atoms) {
    out.write('(');
    for (int i = 0; i < atoms.size(); i++) {
      if (i > 0) {
        out.write(' ');
      }
      atom(atoms.get(i));
    }
    out.write(')');
    return this;
  }

  public ResponseLine open() {
    out.write('(');
    return this;
  }

  public ResponseLine close() {
    out.write(')');
    return this;
  }

  /** "[CODE] " before a resp-text; the code is server-chosen. */
  public ResponseLine code(String code) {
    if (code != null && !code.isEmpty()) {
      out.write('[');
      syntax(code);
      ascii("] ");
    }
    return this;
  }

  /** The line without its CRLF, for FETCH responses that continue with a literal. */
  public byte[] partial() {
    return out.toByteArray();
  }

  public byte[] bytes() {
    ascii("\r\n");
    return out.toByteArray();
  }

  private void ascii(String s) {
    out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
  }

  static boolean quotable(byte[] value) {
    if (value.length > MAX_QUOTED) {
      return false;
    }
    for (byte b : value) {
      if (b == '\r' || b == '\n' || b == 0 || b < 0) {
        return false;
      }
    }
    return true;
  }
}
