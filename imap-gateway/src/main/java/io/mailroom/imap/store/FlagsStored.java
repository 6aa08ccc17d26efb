package io.mailroom.imap.store;

import java.util.List;

/** Messages whose flags a STORE changed, and the mailbox's MODSEQ after it. */
public record FlagsStored(List<MessageState> updated, long highestModseq) {
  public FlagsStored {
    updated = List.copyOf(updated);
  }
}
