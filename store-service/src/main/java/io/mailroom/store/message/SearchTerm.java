package io.mailroom.store.message;

import java.time.LocalDate;
import java.util.List;

/** One node of an IMAP SEARCH key tree (RFC 3501 6.4.4), after the gateway resolved sequences. */
public record SearchTerm(
    Kind kind,
    String text,
    String headerName,
    LocalDate date,
    long number,
    UidSet uids,
    List<SearchTerm> children) {

  /** The search keys the store evaluates. */
  public enum Kind {
    ALL,
    NONE,
    FLAG_SET,
    FLAG_UNSET,
    BEFORE,
    ON,
    SINCE,
    SENT_BEFORE,
    SENT_ON,
    SENT_SINCE,
    LARGER,
    SMALLER,
    HEADER,
    BODY,
    TEXT,
    UID,
    AND,
    OR,
    NOT,
    MODSEQ
  }

  public SearchTerm {
    children = List.copyOf(children);
    text = text == null ? "" : text;
    headerName = headerName == null ? "" : headerName;
  }
}
