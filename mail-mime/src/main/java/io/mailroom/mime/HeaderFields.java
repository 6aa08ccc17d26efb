package io.mailroom.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Cuts BODY[HEADER.FIELDS (...)] and BODY[HEADER.FIELDS.NOT (...)] out of a header block (RFC 3501
 * 6.4.5): whole fields with their folded continuation lines, names compared case-insensitively, and
 * always the blank line at the end.
 *
 * <p>The streaming form reads octet by octet and holds at most a field name, so even a malformed
 * message whose "header" runs for megabytes is filtered in constant memory.
 */
public final class HeaderFields {
  private static final int MAX_NAME = 1000;
  private static final byte[] CRLF = {'\r', '\n'};

  private HeaderFields() {}

  /**
   * @param header a header block (as {@link SectionLocator} locates it); reading stops at its blank
   *     line
   * @param names the field names asked for
   * @param not true for HEADER.FIELDS.NOT: every field except those
   */
  public static byte[] filter(byte[] header, Collection<String> names, boolean not) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      filter(new ByteArrayInputStream(header), names, not, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory streams do not fail
    }
    return out.toByteArray();
  }

  /** The streaming form of {@link #filter(byte[], Collection, boolean)}. */
  public static void filter(
      InputStream header, Collection<String> names, boolean not, OutputStream out)
      throws IOException {
    Set<String> wanted = new HashSet<>();
    for (String n : names) {
      wanted.add(n.strip().toLowerCase(Locale.ROOT));
    }
    InputStream in = header.markSupported() ? header : new java.io.BufferedInputStream(header);
    boolean keep = false;
    ByteArrayOutputStream start = new ByteArrayOutputStream();
    while (true) {
      // A line start: read up to the colon (or line end) to learn which field this is.
      start.reset();
      int b = in.read();
      if (b < 0 || b == '\n' || (b == '\r' && peekLf(in))) {
        break; // end of input or the blank line ending the header
      }
      boolean continuation = b == ' ' || b == '\t';
      while (b >= 0 && b != '\n' && b != ':' && start.size() < MAX_NAME) {
        start.write(b);
        b = in.read();
      }
      if (!continuation) {
        String name =
            b == ':'
                ? start.toString(StandardCharsets.ISO_8859_1).strip().toLowerCase(Locale.ROOT)
                : null;
        keep = (name != null && wanted.contains(name)) != not;
      }
      if (keep) {
        byte[] head = start.toByteArray();
        int length = head.length;
        if (b == '\n' && length > 0 && head[length - 1] == '\r') {
          length--; // the line ended inside the name buffer: its CR is part of the line ending
        }
        out.write(head, 0, length);
      }
      // The rest of the line streams through.
      int last = -1;
      while (b >= 0 && b != '\n') {
        if (keep && last >= 0) {
          out.write(last);
        }
        last = b;
        b = in.read();
      }
      if (keep) {
        if (last >= 0 && last != '\r') {
          out.write(last);
        }
        out.write(CRLF);
      }
      if (b < 0) {
        break;
      }
    }
    out.write(CRLF);
  }

  private static boolean peekLf(InputStream in) throws IOException {
    in.mark(1);
    int next = in.read();
    if (next == '\n' || next < 0) {
      return true;
    }
    in.reset();
    return false;
  }
}
