package io.mailroom.imap.command;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Converts between IMAP's modified UTF-7 (RFC 3501 5.1.3) and the UTF-8 names the store uses.
 * "INBOX" in any case means the inbox.
 */
public final class MailboxName {
  private MailboxName() {}

  private static final Base64.Decoder DECODER = Base64.getDecoder();
  private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

  /** A name as the client sent it, to the store's form. Invalid modified UTF-7 is a BAD. */
  public static String fromImap(String wire) {
    String name = decode(wire);
    if (name.equalsIgnoreCase("INBOX")) {
      return "INBOX";
    }
    if (name.regionMatches(true, 0, "INBOX/", 0, 6)) {
      return "INBOX" + name.substring(5);
    }
    return name;
  }

  static String decode(String wire) {
    var out = new StringBuilder();
    int i = 0;
    while (i < wire.length()) {
      char c = wire.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new SyntaxError("Invalid mailbox name: not modified UTF-7");
      }
      if (c != '&') {
        out.append(c);
        i++;
        continue;
      }
      int end = wire.indexOf('-', i + 1);
      if (end < 0) {
        throw new SyntaxError("Invalid mailbox name: unterminated modified UTF-7");
      }
      if (end == i + 1) {
        out.append('&');
        i = end + 1;
        continue;
      }
      String b64 = wire.substring(i + 1, end).replace(',', '/');
      byte[] utf16;
      try {
        utf16 = DECODER.decode(b64);
      } catch (IllegalArgumentException e) {
        throw new SyntaxError("Invalid mailbox name: bad modified UTF-7");
      }
      if (utf16.length == 0 || utf16.length % 2 != 0) {
        throw new SyntaxError("Invalid mailbox name: bad modified UTF-7");
      }
      String decoded;
      try {
        decoded =
            StandardCharsets.UTF_16BE
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(utf16))
                .toString();
      } catch (CharacterCodingException e) {
        throw new SyntaxError("Invalid mailbox name: broken UTF-16");
      }
      for (int k = 0; k < decoded.length(); k++) {
        char d = decoded.charAt(k);
        if (d >= 0x20 && d <= 0x7e) {
          // Printable ASCII must be sent directly, never encoded.
          throw new SyntaxError("Invalid mailbox name: ASCII inside modified UTF-7");
        }
        if (Character.isHighSurrogate(d)
            && (k + 1 >= decoded.length() || !Character.isLowSurrogate(decoded.charAt(k + 1)))) {
          throw new SyntaxError("Invalid mailbox name: broken surrogate pair");
        }
      }
      out.append(decoded);
      i = end + 1;
    }
    return out.toString();
  }

  /** A store name to modified UTF-7 for the client. */
  public static String toImap(String name) {
    var out = new StringBuilder();
    int i = 0;
    while (i < name.length()) {
      char c = name.charAt(i);
      if (c >= 0x20 && c <= 0x7e) {
        out.append(c == '&' ? "&-" : String.valueOf(c));
        i++;
        continue;
      }
      var run = new ByteArrayOutputStream();
      while (i < name.length() && (name.charAt(i) < 0x20 || name.charAt(i) > 0x7e)) {
        char d = name.charAt(i++);
        run.write(d >> 8);
        run.write(d & 0xff);
      }
      out.append('&')
          .append(ENCODER.encodeToString(run.toByteArray()).replace('/', ','))
          .append('-');
    }
    return out.toString();
  }
}
