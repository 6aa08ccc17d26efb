package io.mailroom.store.client.mailbox;

import java.util.List;

/**
 * What happened to a mailbox since a MODSEQ: new or changed messages, expunged UIDs (ascending),
 * and the counters now. {@code uidValidityChanged}: the mailbox was re-created, select it again.
 */
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
