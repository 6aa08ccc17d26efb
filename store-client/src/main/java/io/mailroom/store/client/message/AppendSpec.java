package io.mailroom.store.client.message;

import java.util.List;

/** The header of an APPEND: where, with which flags and date, and how many octets follow. */
public record AppendSpec(
    String mailbox, List<String> flags, long internalDateMs, int offsetMinutes, long size) {
  public AppendSpec {
    flags = List.copyOf(flags);
  }
}
