package io.mailroom.store.message;

import java.util.List;

/**
 * One BODY[section]&lt;partial&gt; of a FETCH.
 *
 * @param part "" for the whole message, else "1", "1.2", ...
 */
public record Section(
    String part, Text text, List<String> headerFields, boolean partial, long offset, long length) {

  /** The section-text specifier. */
  public enum Text {
    WHOLE,
    HEADER,
    HEADER_FIELDS,
    HEADER_FIELDS_NOT,
    TEXT,
    MIME
  }

  public Section {
    headerFields = List.copyOf(headerFields);
  }
}
