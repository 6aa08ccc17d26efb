package io.mailroom.imap.store;

import java.util.List;
import java.util.Optional;

/**
 * What one FETCH wants of each message: one store call for the whole command. {@code changedSince}
 * &gt; 0: only messages with a greater MODSEQ (CHANGEDSINCE).
 */
public record FetchSpec(
    boolean flags,
    boolean internalDate,
    boolean size,
    boolean envelope,
    boolean bodyStructure,
    boolean modseq,
    List<Section> sections,
    boolean setSeen,
    long changedSince) {
  public FetchSpec {
    sections = List.copyOf(sections);
  }

  public enum Text {
    ALL,
    HEADER,
    HEADER_FIELDS,
    HEADER_FIELDS_NOT,
    TEXT,
    MIME
  }

  /** BODY[part.text (fields)]&lt;offset.length&gt;. */
  public record Section(
      String part, Text text, List<String> headerFields, Optional<long[]> partial) {
    public Section {
      headerFields = List.copyOf(headerFields);
    }
  }
}
