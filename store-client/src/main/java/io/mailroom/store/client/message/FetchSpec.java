package io.mailroom.store.client.message;

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

  /** Only these sections, read without setting \Seen (BODY.PEEK). */
  public static FetchSpec peek(List<Section> sections) {
    return new FetchSpec(false, false, false, false, false, false, sections, false, 0);
  }

  public enum Text {
    ALL,
    HEADER,
    HEADER_FIELDS,
    HEADER_FIELDS_NOT,
    TEXT,
    MIME
  }

  /**
   * BODY[part.text (fields)]&lt;offset.length&gt;; {@code part} "" is the whole message, else "1",
   * "1.2", ...
   */
  public record Section(
      String part, Text text, List<String> headerFields, Optional<long[]> partial) {
    public Section {
      headerFields = List.copyOf(headerFields);
    }

    /** BODY[]: the whole message (POP3 RETR). */
    public static Section whole() {
      return new Section("", Text.ALL, List.of(), Optional.empty());
    }

    /** BODY[HEADER]: the header and the blank line that ends it. */
    public static Section header() {
      return new Section("", Text.HEADER, List.of(), Optional.empty());
    }

    /** BODY[TEXT]: the body after the header (POP3 TOP reads its first lines). */
    public static Section bodyText() {
      return new Section("", Text.TEXT, List.of(), Optional.empty());
    }
  }
}
