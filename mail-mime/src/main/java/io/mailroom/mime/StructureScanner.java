package io.mailroom.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the MIME structure of a message in one streaming pass, with the exact octet offsets of
 * every header and body, which mime4j's parsers do not expose.
 *
 * <p>Boundary lines are matched as Dovecot does: a line starting with {@code --boundary} of any
 * enclosing multipart (the longest match wins, the innermost on a tie), so a missing close
 * delimiter or a stray outer boundary ends the inner parts instead of swallowing the message. The
 * CRLF before a boundary line belongs to the boundary (RFC 2046 5.1.1).
 *
 * <p>Every size is bounded (header lines, fields, depth, parts); past a bound the rest is kept as
 * plain body, never an error.
 */
final class StructureScanner {
  static final int MAX_DEPTH = 20;
  static final int MAX_PARTS = 1000;
  static final int MAX_HEADER_FIELDS = 500;
  static final int MAX_FIELD_OCTETS = 64 * 1024;
  static final int MAX_BOUNDARY = 200;

  private final LineReader reader;
  private final TextExtractor text;
  private final List<byte[]> boundaries = new ArrayList<>();
  private boolean matchedClose;
  private int parts;
  private List<HeaderField> topHeader = List.of();

  StructureScanner(InputStream in, TextExtractor text) {
    this.reader = new LineReader(in);
    this.text = text;
  }

  /** Scans the whole input; the returned root ends at the last octet. */
  Entity scan() throws IOException {
    Entity root = entity(0, false, true);
    // Nothing encloses the root, so every line belongs to it; consume what is left (never
    // expected).
    while (reader.peek()) {
      reader.take();
    }
    finish(root);
    return root;
  }

  List<HeaderField> topHeader() {
    return topHeader;
  }

  private Entity entity(int depth, boolean digestChild, boolean message) throws IOException {
    Entity e = new Entity();
    e.headerStart = reader.position();
    List<HeaderField> fields = header(depth == 0);
    e.bodyStart = reader.position();
    e.lfAtBodyStart = reader.lfCount();
    e.content = ContentHeaders.from(fields, digestChild);
    if (message) {
      e.envelope = Envelope.from(fields);
      if (depth == 0) {
        topHeader = fields;
      }
    }
    fields = null; // a part's header is not kept once read: only one at a time is in memory
    ContentHeaders c = e.content;
    if (c.isMultipart()) {
      String boundary = c.parameter("boundary");
      if (boundary != null
          && !boundary.isEmpty()
          && boundary.length() <= MAX_BOUNDARY
          && depth < MAX_DEPTH) {
        e.kind = Entity.Kind.MULTIPART;
        multipart(e, boundary, depth, c.subtype().equalsIgnoreCase("digest"));
      } else {
        e.content = c.retyped(null, null, false);
        leaf(e);
      }
    } else if (c.isMessageRfc822()) {
      if (c.isIdentityEncoding() && depth < MAX_DEPTH && parts < MAX_PARTS) {
        e.kind = Entity.Kind.MESSAGE;
        parts++;
        e.message = entity(depth + 1, false, true);
        finish(e.message);
      } else {
        // An encoded message/rfc822 cannot be parsed in place, and BODYSTRUCTURE's "message"
        // "rfc822" form demands an envelope: report it as opaque octets.
        e.content = c.retyped("application", "octet-stream", true);
        leaf(e);
      }
    } else {
      leaf(e);
    }
    finish(e);
    return e;
  }

  /** Reads a header up to and including its blank line; stops early at a boundary or non-field. */
  private List<HeaderField> header(boolean top) throws IOException {
    List<HeaderField> fields = new ArrayList<>();
    String name = null;
    ByteArrayOutputStream value = new ByteArrayOutputStream();
    boolean first = true;
    while (reader.peek()) {
      byte[] line = reader.prefix();
      int length = reader.prefixLength();
      if (reader.length() == 0) {
        reader.take();
        break;
      }
      if (!reader.overflowed() && matchBoundary() >= 0) {
        break;
      }
      if (first && top && startsWith(line, length, "From ")) {
        // An mbox separator that slipped through: not a field, not the body.
        reader.take();
        first = false;
        continue;
      }
      first = false;
      if (line[0] == ' ' || line[0] == '\t') {
        if (name != null) {
          append(value, line, 0, length);
        }
        reader.take();
        continue;
      }
      int colon = fieldNameEnd(line, length);
      if (colon < 0) {
        break; // not a header line: the header ends here and this line starts the body
      }
      add(fields, name, value);
      name = null;
      value.reset();
      if (fields.size() < MAX_HEADER_FIELDS) {
        int nameEnd = colon;
        while (nameEnd > 0 && (line[nameEnd - 1] == ' ' || line[nameEnd - 1] == '\t')) {
          nameEnd--;
        }
        name = new String(line, 0, nameEnd, StandardCharsets.ISO_8859_1);
        append(value, line, colon + 1, length - colon - 1);
      }
      reader.take();
    }
    add(fields, name, value);
    return fields;
  }

  private static void add(List<HeaderField> fields, String name, ByteArrayOutputStream value) {
    if (name != null) {
      byte[] bytes = value.toByteArray();
      fields.add(HeaderField.of(name, bytes, bytes.length));
    }
  }

  private static void append(ByteArrayOutputStream value, byte[] line, int offset, int length) {
    int room = MAX_FIELD_OCTETS - value.size();
    if (room > 0) {
      value.write(line, offset, Math.min(room, length));
    }
  }

  /** Index of the colon ending a valid field name (printable ASCII, no space), or -1. */
  private static int fieldNameEnd(byte[] line, int length) {
    for (int i = 0; i < length; i++) {
      byte b = line[i];
      if (b == ':') {
        return i == 0 ? -1 : i;
      }
      if (b == ' ' || b == '\t') {
        // RFC 822 allowed whitespace before the colon; nothing else may follow it.
        int j = i;
        while (j < length && (line[j] == ' ' || line[j] == '\t')) {
          j++;
        }
        return j < length && line[j] == ':' && i > 0 ? j : -1;
      }
      if (b < 33 || b > 126) {
        return -1;
      }
    }
    return -1;
  }

  private void multipart(Entity e, String boundary, int depth, boolean digest) throws IOException {
    boundaries.add(("--" + boundary).getBytes(StandardCharsets.UTF_8));
    int level = boundaries.size() - 1;
    boolean open = true;
    while (reader.peek()) {
      int matched = reader.overflowed() ? -1 : matchBoundary();
      if (matched < 0) {
        reader.take(); // preamble, or parts past the limit
        continue;
      }
      if (matched < level) {
        break; // an enclosing multipart goes on: this one ends unclosed
      }
      reader.take();
      if (matchedClose) {
        boundaries.remove(level);
        open = false;
        while (reader.peek() && (reader.overflowed() || matchBoundary() < 0)) {
          reader.take(); // epilogue
        }
        break;
      }
      if (parts >= MAX_PARTS) {
        continue;
      }
      parts++;
      e.children.add(entity(depth + 1, digest, false));
    }
    if (open) {
      boundaries.remove(level);
    }
  }

  private void leaf(Entity e) throws IOException {
    TextExtractor.Collector collector = e.content.isText() ? text.begin(e.content) : null;
    reader.sink(collector);
    try {
      boolean checkBoundaries = !boundaries.isEmpty();
      while (reader.peek()) {
        if (reader.overflowed()) {
          if (collector != null) {
            collector.lineEnd();
          }
          reader.take();
          continue;
        }
        if (checkBoundaries && matchBoundary() >= 0) {
          break;
        }
        if (collector != null) {
          collector.accept(reader.prefix(), 0, reader.prefixLength());
          collector.lineEnd();
        }
        reader.take();
      }
    } finally {
      reader.sink(null);
    }
    if (collector != null) {
      text.end(collector);
    }
  }

  /**
   * Ends an entity where the input now stands: before the CRLF of the boundary line in the
   * lookahead, or at the end of input.
   */
  private void finish(Entity e) throws IOException {
    long end;
    long lfs;
    if (reader.peek()) {
      int terminator = reader.lastTerminator();
      end = reader.position() - terminator;
      lfs = reader.lfCount() - (terminator > 0 ? 1 : 0);
      if (end < e.bodyStart) {
        end = e.bodyStart;
        lfs = e.lfAtBodyStart;
      }
    } else {
      end = reader.position();
      lfs = reader.lfCount();
    }
    e.bodyEnd = end;
    e.lines = lfs - e.lfAtBodyStart;
  }

  /** The level of the boundary the lookahead line is, or -1; sets {@link #matchedClose}. */
  private int matchBoundary() {
    byte[] line = reader.prefix();
    int length = reader.prefixLength();
    if (length < 3 || line[0] != '-' || line[1] != '-') {
      return -1;
    }
    int best = -1;
    int bestLength = -1;
    for (int level = boundaries.size() - 1; level >= 0; level--) {
      byte[] b = boundaries.get(level);
      if (b.length > bestLength && startsWith(line, length, b)) {
        best = level;
        bestLength = b.length;
      }
    }
    if (best >= 0) {
      matchedClose =
          length >= bestLength + 2 && line[bestLength] == '-' && line[bestLength + 1] == '-';
    }
    return best;
  }

  private static boolean startsWith(byte[] line, int length, byte[] prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (line[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] line, int length, String prefix) {
    return startsWith(line, length, prefix.getBytes(StandardCharsets.US_ASCII));
  }
}
