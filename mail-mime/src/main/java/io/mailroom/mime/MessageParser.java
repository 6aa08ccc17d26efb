package io.mailroom.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.datetime.DateTime;
import org.apache.james.mime4j.field.datetime.parser.DateTimeParser;

/**
 * Parses a message once, at ingest, streaming: it never holds the whole message in memory.
 * Malformed mail gives a best-effort structure; parsing never throws for bad MIME (only for I/O).
 *
 * <p>The structure and offsets come from {@link StructureScanner}; mime4j decodes what needs
 * decoding (RFC 2047 words, base64, quoted-printable, charsets, dates).
 */
public final class MessageParser {

  /**
   * @param message the message octets, already CRLF-normalised (see {@link CrlfNormalizer})
   */
  public ParsedMessage parse(InputStream message) throws IOException {
    TextExtractor text = new TextExtractor();
    StructureScanner scanner = new StructureScanner(message, text);
    Entity root = scanner.scan();
    List<HeaderField> header = scanner.topHeader();

    String subject = decode(HeaderField.first(header, "Subject"));
    String body = text.text();
    String searchable = subject.isEmpty() ? body : subject + "\n" + body;
    if (searchable.length() > TextExtractor.MAX_TEXT) {
      searchable = searchable.substring(0, TextExtractor.MAX_TEXT);
    }

    String messageId = HeaderField.first(header, "Message-ID");
    return new ParsedMessage(
        root.bodyEnd,
        root.envelope.render(),
        BodyStructureWriter.write(root, true),
        BodyStructureWriter.write(root, false),
        PartNumbering.number(root),
        sentDate(HeaderField.first(header, "Date")),
        subject,
        addressText(header, "From"),
        addressText(header, "To"),
        addressText(header, "Cc"),
        addressText(header, "Bcc"),
        messageId == null ? "" : messageId.strip(),
        searchable);
  }

  static String decode(String raw) {
    if (raw == null) {
      return "";
    }
    try {
      return DecoderUtil.decodeEncodedWords(raw, DecodeMonitor.SILENT);
    } catch (RuntimeException undecodable) {
      return raw;
    }
  }

  /** Addresses as a person reads them: {@code Name <a@b>, c@d}, names decoded. */
  private static String addressText(List<HeaderField> header, String name) {
    String value = HeaderField.first(header, name);
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    boolean groupStarted = false;
    for (Address a : AddressListParser.parse(value)) {
      if (a instanceof Address.GroupEnd) {
        out.append(';');
        groupStarted = false;
        continue;
      }
      if (out.length() > 0 && !groupStarted) {
        out.append(", ");
      }
      groupStarted = false;
      if (a instanceof Address.GroupStart g) {
        out.append(decode(g.name())).append(": ");
        groupStarted = true;
      } else if (a instanceof Address.Mailbox m) {
        String addr = m.mailbox() + "@" + m.host();
        if (m.name() != null) {
          out.append(decode(m.name())).append(" <").append(addr).append('>');
        } else {
          out.append(addr);
        }
      }
    }
    return out.toString();
  }

  /** The Date: header, strictly RFC 5322 first, then mime4j's lenient parser; null if neither. */
  static OffsetDateTime sentDate(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    try {
      return OffsetDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
    } catch (DateTimeParseException notStrict) {
      // fall through to the lenient parser
    }
    try {
      DateTime dt = new DateTimeParser(new StringReader(v)).parseAll();
      int zone = dt.getTimeZone();
      ZoneOffset offset = ZoneOffset.ofHoursMinutes(zone / 100, zone % 100);
      return OffsetDateTime.of(
          dt.getYear(),
          dt.getMonth(),
          dt.getDay(),
          dt.getHour(),
          dt.getMinute(),
          dt.getSecond(),
          0,
          offset);
    } catch (Exception | Error unparseable) {
      // mime4j's generated parser signals bad input with TokenMgrError
      return null;
    }
  }

  /** Every part as IMAP numbers it (RFC 3501 6.4.5), root first, then depth-first. */
  static final class PartNumbering {
    private PartNumbering() {}

    static List<PartOffsets> number(Entity root) {
      List<PartOffsets> out = new ArrayList<>();
      out.add(new PartOffsets("", root.headerStart, root.bodyStart, root.bodyEnd, -1));
      message(root, "", out);
      return List.copyOf(out);
    }

    /** The parts of a message: its multipart children, or part 1 = the message's own body. */
    private static void message(Entity message, String path, List<PartOffsets> out) {
      if (message.kind == Entity.Kind.MULTIPART) {
        children(message, path, out);
      } else {
        part(message, join(path, 1), out);
      }
    }

    private static void part(Entity e, String path, List<PartOffsets> out) {
      long messageHeaderEnd = e.kind == Entity.Kind.MESSAGE ? e.message.bodyStart : -1;
      out.add(new PartOffsets(path, e.headerStart, e.bodyStart, e.bodyEnd, messageHeaderEnd));
      if (e.kind == Entity.Kind.MULTIPART) {
        children(e, path, out);
      } else if (e.kind == Entity.Kind.MESSAGE) {
        message(e.message, path, out);
      }
    }

    private static void children(Entity e, String path, List<PartOffsets> out) {
      for (int i = 0; i < e.children.size(); i++) {
        part(e.children.get(i), join(path, i + 1), out);
      }
    }

    private static String join(String path, int n) {
      return path.isEmpty() ? Integer.toString(n) : path + "." + n;
    }
  }
}
