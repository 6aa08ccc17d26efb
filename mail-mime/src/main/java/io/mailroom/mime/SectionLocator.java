package io.mailroom.mime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the octets of an IMAP body section (RFC 3501 6.4.5) from the offsets kept at ingest, so
 * FETCH BODY[...] is one ranged read of the stored message.
 *
 * <ul>
 *   <li>{@code BODY[]}: the whole message; {@code BODY[HEADER]}/{@code BODY[TEXT]}: its header
 *       (blank line included) and body.
 *   <li>{@code BODY[n]}: the body of part n; for a message that is not multipart, part 1 is its
 *       body. {@code BODY[n.MIME]}: the MIME header of part n.
 *   <li>{@code BODY[n.HEADER]}/{@code BODY[n.TEXT]}: header and body of the message inside
 *       message/rfc822 part n; empty for other parts.
 *   <li>{@code HEADER.FIELDS} and {@code .NOT} locate the header they filter: pass the octets to
 *       {@link HeaderFields#filter}.
 *   <li>A part that does not exist gives empty, which the store answers as an empty string, as
 *       Dovecot does. That includes part 1 of a multipart whose boundary never appears: its
 *       BODYSTRUCTURE shows one empty part, and BODY[1] is that empty part, not the body.
 *   <li>{@code <origin.count>}: {@link ByteRange#partial} cuts it from the located section.
 * </ul>
 */
public final class SectionLocator {

  /** What of a part a section names. */
  public enum Kind {
    WHOLE,
    HEADER,
    HEADER_FIELDS,
    HEADER_FIELDS_NOT,
    TEXT,
    MIME
  }

  /** Octets {@code [start, end)} of the stored message. */
  public record ByteRange(long start, long end) {
    public ByteRange {
      if (start < 0 || end < start) {
        throw new IllegalArgumentException("bad range " + start + ".." + end);
      }
    }

    public long length() {
      return end - start;
    }

    /**
     * What a partial fetch, {@code BODY[...]<origin.count>}, keeps of this section (RFC 3501
     * 6.4.5): at most {@code count} octets from {@code origin}, empty when origin is past the end.
     * Both are read as unsigned, as IMAP's number (and the store's uint64) is: a value too large
     * for a long is past any end.
     */
    public ByteRange partial(long origin, long count) {
      long from = start + unsignedMin(origin, length());
      return new ByteRange(from, from + unsignedMin(count, end - from));
    }

    private static long unsignedMin(long value, long bound) {
      return Long.compareUnsigned(value, bound) < 0 ? value : bound;
    }
  }

  private final Map<String, PartOffsets> byPath = new HashMap<>();

  public SectionLocator(List<PartOffsets> parts) {
    for (PartOffsets p : parts) {
      byPath.putIfAbsent(p.path(), p);
    }
  }

  public static Optional<ByteRange> locate(List<PartOffsets> parts, String path, Kind kind) {
    return new SectionLocator(parts).locate(path, kind);
  }

  /**
   * @param path the part number, "" for the message itself ("1", "1.2", ...)
   */
  public Optional<ByteRange> locate(String path, Kind kind) {
    PartOffsets part = byPath.get(path == null ? "" : path);
    if (part == null) {
      return Optional.empty();
    }
    if (part.path().isEmpty()) {
      return switch (kind) {
        case WHOLE -> range(part.headerStart(), part.bodyEnd());
        case HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT ->
            range(part.headerStart(), part.bodyStart());
        case TEXT -> range(part.bodyStart(), part.bodyEnd());
        case MIME -> Optional.empty();
      };
    }
    boolean message = part.messageHeaderEnd() >= 0;
    return switch (kind) {
      case WHOLE -> range(part.bodyStart(), part.bodyEnd());
      case MIME -> range(part.headerStart(), part.bodyStart());
      case HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT ->
          message ? range(part.bodyStart(), part.messageHeaderEnd()) : Optional.empty();
      case TEXT -> message ? range(part.messageHeaderEnd(), part.bodyEnd()) : Optional.empty();
    };
  }

  private static Optional<ByteRange> range(long start, long end) {
    return Optional.of(new ByteRange(start, Math.max(start, end)));
  }
}
