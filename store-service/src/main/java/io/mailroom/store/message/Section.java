package io.mailroom.store.message;

import io.mailroom.mime.SectionLocator.Kind;
import java.util.List;

/**
 * One BODY[section]&lt;partial&gt; of a FETCH. mail-mime's {@link io.mailroom.mime.SectionLocator}
 * finds its octets, {@link io.mailroom.mime.HeaderFields} filters HEADER.FIELDS, and {@link
 * io.mailroom.mime.SectionLocator.ByteRange#partial} cuts the partial.
 *
 * @param part "" for the whole message, else "1", "1.2", ...
 * @param kind what of the part: WHOLE, HEADER, HEADER.FIELDS(.NOT), TEXT or MIME
 */
public record Section(
    String part, Kind kind, List<String> headerFields, boolean partial, long offset, long length) {

  public Section {
    headerFields = List.copyOf(headerFields);
  }

  boolean filtered() {
    return kind == Kind.HEADER_FIELDS || kind == Kind.HEADER_FIELDS_NOT;
  }
}
