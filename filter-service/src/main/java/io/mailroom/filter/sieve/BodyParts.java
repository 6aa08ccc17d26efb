package io.mailroom.filter.sieve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.jsieve.mail.SieveMailException;

/** The three RFC 5173 views of a body: raw, decoded text parts, and parts by content type. */
record BodyParts(String raw, List<Part> parts) {

  record Part(String mimeType, String text) {}

  static BodyParts parse(byte[] message) throws SieveMailException {
    var whole = new String(message, StandardCharsets.ISO_8859_1);
    var split = whole.indexOf("\r\n\r\n");
    var skip = 4;
    if (split < 0) {
      split = whole.indexOf("\n\n");
      skip = 2;
    }
    var raw = split < 0 ? "" : whole.substring(split + skip);
    var builder = new DefaultMessageBuilder();
    builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
    try {
      var parsed = builder.parseMessage(new ByteArrayInputStream(message));
      var parts = new ArrayList<Part>();
      collect(parsed, parts);
      return new BodyParts(raw, parts);
    } catch (IOException | RuntimeException e) {
      throw new SieveMailException("cannot parse the message body: " + e.getMessage());
    }
  }

  private static void collect(Entity entity, List<Part> parts) throws IOException {
    var body = entity.getBody();
    if (body instanceof Multipart multipart) {
      for (var child : multipart.getBodyParts()) {
        collect(child, parts);
      }
    } else if (body instanceof org.apache.james.mime4j.dom.Message nested) {
      collect(nested, parts);
    } else if (body instanceof TextBody text) {
      var charset = charset(entity.getCharset());
      try (var reader = text.getReader()) {
        var content = new StringBuilder();
        var buffer = new char[4096];
        int n;
        while ((n = reader.read(buffer)) > 0) {
          content.append(buffer, 0, n);
        }
        parts.add(new Part(entity.getMimeType().toLowerCase(Locale.ROOT), content.toString()));
      } catch (IOException e) {
        parts.add(new Part(entity.getMimeType(), new String(new byte[0], charset)));
      }
    }
  }

  private static Charset charset(String name) {
    try {
      return name == null ? StandardCharsets.US_ASCII : Charset.forName(name);
    } catch (RuntimeException e) {
      return StandardCharsets.US_ASCII;
    }
  }

  /** ":text": the decoded text parts (RFC 5173 5.2 leaves "text" to the implementation). */
  List<String> text() {
    var texts = new ArrayList<String>();
    for (var part : parts) {
      if (part.mimeType().startsWith("text/")) {
        texts.add(part.text());
      }
    }
    return texts;
  }

  /** ":content": parts whose type matches one of the given types ("text" or "text/plain"). */
  List<String> content(List<String> types) {
    var texts = new ArrayList<String>();
    for (var part : parts) {
      for (var type : types) {
        var wanted = type.toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()
            || part.mimeType().equals(wanted)
            || (!wanted.contains("/") && part.mimeType().startsWith(wanted + "/"))) {
          texts.add(part.text());
          break;
        }
      }
    }
    return texts;
  }
}
