package io.mailroom.imap.store;

import java.util.List;

/** What happened to a mailbox since a MODSEQ. */
public record Changes(
    long uidNext,
    long highestModseq,
    List<MessageState> changed,
    List<Long> expunged,
    boolean uidValidityChanged,
    long messages) {
  public Changes {
    changed = List.copyOf(changed);
    expunged = List.copyOf(expunged);
  }
}
