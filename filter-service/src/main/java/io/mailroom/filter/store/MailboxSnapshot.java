package io.mailroom.filter.store;

import java.util.List;

/** A mailbox opened read-only: its name, its key and its UIDs, ascending. */
public record MailboxSnapshot(String name, MailboxKey key, List<Long> uids) {
  public MailboxSnapshot {
    uids = List.copyOf(uids);
  }
}
