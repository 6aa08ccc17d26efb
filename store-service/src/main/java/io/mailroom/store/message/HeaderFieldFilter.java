package io.mailroom.store.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** BODY[HEADER.FIELDS (...)] and .NOT: picks whole fields, continuation lines included. */
final class HeaderFieldFilter {
  private HeaderFieldFilter() {}

  static byte[] filter(byte[] header, List<String> names, boolean keep) {
    Set<String> wanted =
        names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean copying = false;
    int i = 0;
    while (i < header.length) {
      int end = i;
      while (end < header.length && header[end] != '\n') {
        end++;
      }
      int next = Math.min(end + 1, header.length);
      int lineLength = end - i;
      boolean blank = lineLength == 0 || lineLength == 1 && header[i] == '\r';
      if (blank) {
        break;
      }
      boolean continuation = header[i] == ' ' || header[i] == '\t';
      if (!continuation) {
        int colon = i;
        while (colon < end && header[colon] != ':') {
          colon++;
        }
        String name =
            new String(header, i, colon - i, StandardCharsets.ISO_8859_1)
                .trim()
                .toLowerCase(Locale.ROOT);
        copying = colon < end && wanted.contains(name) == keep;
      }
      if (copying) {
        out.write(header, i, next - i);
      }
      i = next;
    }
    out.writeBytes(new byte[] {'\r', '\n'});
    return out.toByteArray();
  }
}
