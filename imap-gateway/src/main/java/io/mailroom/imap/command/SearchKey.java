package io.mailroom.imap.command;

import java.time.LocalDate;
import java.util.List;

/**
 * An IMAP search key as the client wrote it. Sequence numbers and \Recent are the session's
 * business; the handler turns them into UID sets before the store sees the query.
 */
public sealed interface SearchKey {
  record All() implements SearchKey {}

  /** A flag that must be set (or unset): system flags with backslash, keywords as is. */
  record Flag(String flag, boolean set) implements SearchKey {}

  /** RECENT / NEW / OLD in terms of \Recent (OLD = not recent). */
  record Recent(boolean recent) implements SearchKey {}

  enum DateField {
    INTERNAL,
    SENT
  }

  enum DateRelation {
    BEFORE,
    ON,
    SINCE
  }

  record Date(DateField field, DateRelation relation, LocalDate date) implements SearchKey {}

  record Size(boolean larger, long octets) implements SearchKey {}

  record Header(String field, String text) implements SearchKey {}

  record Body(String text) implements SearchKey {}

  record Text(String text) implements SearchKey {}

  record Uids(SequenceSet set) implements SearchKey {}

  record Sequence(SequenceSet set) implements SearchKey {}

  record ModSeq(long modseq) implements SearchKey {}

  record Not(SearchKey key) implements SearchKey {}

  record Or(SearchKey left, SearchKey right) implements SearchKey {}

  record And(List<SearchKey> keys) implements SearchKey {
    public And {
      keys = List.copyOf(keys);
    }
  }
}
