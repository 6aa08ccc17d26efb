package io.mailroom.imap.command;

import java.util.List;
import java.util.Optional;

/** One data item of a FETCH. */
public sealed interface FetchItem {
  enum Simple implements FetchItem {
    UID,
    FLAGS,
    INTERNALDATE,
    RFC822_SIZE,
    ENVELOPE,
    BODYSTRUCTURE,
    /** BODY without a section: the non-extensible body structure. */
    BODY,
    MODSEQ
  }

  /** Which text of a part: RFC 3501 section-text. */
  enum Text {
    ALL,
    HEADER,
    HEADER_FIELDS,
    HEADER_FIELDS_NOT,
    TEXT,
    MIME
  }

  /** A part path ("" or "1.2") and the text wanted from it. */
  record Section(String part, Text text, List<String> headerFields) {
    public Section {
      headerFields = List.copyOf(headerFields);
    }
  }

  record Partial(long offset, long length) {}

  /**
   * BODY[section]&lt;partial&gt;, BODY.PEEK[...], or the RFC822 forms, which are answered under
   * their own name ({@code rfc822Name}: "RFC822", "RFC822.HEADER", "RFC822.TEXT").
   */
  record BodySection(
      Section section, boolean peek, Optional<Partial> partial, Optional<String> rfc822Name)
      implements FetchItem {}

  /** The macros of RFC 3501 6.4.5. */
  static List<FetchItem> all() {
    return List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE, Simple.ENVELOPE);
  }

  static List<FetchItem> fast() {
    return List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE);
  }

  static List<FetchItem> full() {
    return List.of(
        Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE, Simple.ENVELOPE, Simple.BODY);
  }
}
