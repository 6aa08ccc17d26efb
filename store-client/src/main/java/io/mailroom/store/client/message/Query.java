package io.mailroom.store.client.message;

import java.util.List;

/** A search as the store understands it: sequence numbers and \Recent already turned into UIDs. */
public sealed interface Query {
  record All() implements Query {}

  record None() implements Query {}

  record Flag(String flag, boolean set) implements Query {}

  enum DateKind {
    BEFORE,
    ON,
    SINCE,
    SENT_BEFORE,
    SENT_ON,
    SENT_SINCE
  }

  record Date(DateKind kind, long epochDay) implements Query {}

  record Size(boolean larger, long octets) implements Query {}

  record Header(String name, String text) implements Query {}

  record Body(String text) implements Query {}

  record Text(String text) implements Query {}

  record Uids(UidSet uids) implements Query {}

  record ModSeq(long atLeast) implements Query {}

  record Not(Query query) implements Query {}

  record Or(Query left, Query right) implements Query {}

  record And(List<Query> queries) implements Query {
    public And {
      queries = List.copyOf(queries);
    }
  }
}
