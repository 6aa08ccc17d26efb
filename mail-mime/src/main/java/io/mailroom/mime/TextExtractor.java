package io.mailroom.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.util.CharsetUtil;

/**
 * Builds the searchable text of a message: its text/* parts with the transfer encoding undone
 * (mime4j's decoders) and the charset converted. Bounded twice: at most {@link #MAX_ENCODED}
 * encoded octets are kept across the message, and at most {@link #MAX_TEXT} characters come out, so
 * a huge message cannot blow up memory or the index.
 */
final class TextExtractor {
  static final int MAX_ENCODED = 4 * 1024 * 1024;
  static final int MAX_TEXT = 1024 * 1024;
  private static final byte[] CRLF = {'\r', '\n'};
  private static final Pattern TAG = Pattern.compile("<[^>]*>");

  private final StringBuilder text = new StringBuilder();
  private int encodedBudget = MAX_ENCODED;

  /** Collects one text part's encoded octets. */
  final class Collector implements LineReader.Sink {
    private final ContentHeaders content;
    private final ByteArrayOutputStream encoded = new ByteArrayOutputStream();

    private Collector(ContentHeaders content) {
      this.content = content;
    }

    @Override
    public void accept(byte[] bytes, int offset, int length) {
      int n = Math.min(length, encodedBudget);
      if (n > 0) {
        encoded.write(bytes, offset, n);
        encodedBudget -= n;
      }
    }

    void lineEnd() {
      accept(CRLF, 0, 2);
    }
  }

  Collector begin(ContentHeaders content) {
    return new Collector(content);
  }

  void end(Collector collector) {
    if (text.length() >= MAX_TEXT || collector.encoded.size() == 0) {
      return;
    }
    try {
      byte[] decoded =
          decode(collector.content.transferEncoding(), collector.encoded.toByteArray());
      String part =
          charset(collector.content.parameter("charset"))
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)
              .decode(ByteBuffer.wrap(decoded))
              .toString();
      if (collector.content.isHtml()) {
        part = TAG.matcher(part).replaceAll(" ");
      }
      append(part);
    } catch (IOException | RuntimeException undecodable) {
      // Search text is best effort; a part that cannot be decoded is simply not searchable.
    }
  }

  void append(String part) {
    if (part == null || part.isEmpty() || text.length() >= MAX_TEXT) {
      return;
    }
    if (text.length() > 0) {
      text.append('\n');
    }
    text.append(part, 0, Math.min(part.length(), MAX_TEXT - text.length()));
  }

  String text() {
    return text.toString();
  }

  private static byte[] decode(String encoding, byte[] encoded) throws IOException {
    InputStream raw = new ByteArrayInputStream(encoded);
    InputStream in =
        switch (encoding.toLowerCase(Locale.ROOT)) {
          case "base64" -> new Base64InputStream(raw, DecodeMonitor.SILENT);
          case "quoted-printable" -> new QuotedPrintableInputStream(raw, DecodeMonitor.SILENT);
          default -> raw;
        };
    ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length);
    byte[] chunk = new byte[8192];
    try {
      int n;
      while ((n = in.read(chunk)) > 0) {
        out.write(chunk, 0, n);
      }
    } catch (IOException truncated) {
      // Keep what decoded before the damage.
    }
    return out.toByteArray();
  }

  private static Charset charset(String name) {
    // Mail without a charset, or claiming us-ascii, often carries 8-bit UTF-8; UTF-8 reads ASCII
    // the same and guesses best for the rest.
    if (name == null || name.isBlank() || name.strip().equalsIgnoreCase("us-ascii")) {
      return StandardCharsets.UTF_8;
    }
    try {
      Charset c = CharsetUtil.lookup(name.strip());
      return c != null ? c : StandardCharsets.UTF_8;
    } catch (RuntimeException unknown) {
      return StandardCharsets.UTF_8;
    }
  }
}
