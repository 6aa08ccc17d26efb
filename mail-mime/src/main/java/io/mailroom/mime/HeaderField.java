package io.mailroom.mime;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One header field, unfolded (the CRLFs of folding removed, the whitespace kept) and with the
 * whitespace after the colon skipped.
 *
 * <p>Raw 8-bit octets in a header are read as UTF-8 when they are valid UTF-8 (what RFC 6532 mail
 * sends), and as ISO-8859-1 otherwise, so that no octet is lost or turned into an error.
 */
record HeaderField(String name, String value) {

  static HeaderField of(String name, byte[] value, int length) {
    int start = 0;
    while (start < length && (value[start] == ' ' || value[start] == '\t')) {
      start++;
    }
    return new HeaderField(name, text(value, start, length - start));
  }

  static String text(byte[] bytes, int offset, int length) {
    boolean ascii = true;
    for (int i = offset; i < offset + length && ascii; i++) {
      ascii = bytes[i] >= 0;
    }
    if (ascii) {
      return new String(bytes, offset, length, StandardCharsets.US_ASCII);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, length))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
  }

  /** The value of the first field with this name (case-insensitive), or null. */
  static String first(List<HeaderField> fields, String name) {
    for (HeaderField field : fields) {
      if (field.name.equalsIgnoreCase(name)) {
        return field.value;
      }
    }
    return null;
  }

  String lowerName() {
    return name.toLowerCase(Locale.ROOT);
  }
}
