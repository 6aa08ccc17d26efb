package io.mailroom.store.client.message;

import io.mailroom.store.client.mailbox.MessageState;
import java.util.List;

/**
 * Messages whose flags a STORE changed, those left alone because they changed after UNCHANGEDSINCE
 * ({@code modified}, RFC 7162), and the mailbox's MODSEQ after it.
 */
public record FlagsStored(List<MessageState> updated, List<Long> modified, long highestModseq) {
  public FlagsStored {
    updated = List.copyOf(updated);
    modified = List.copyOf(modified);
  }
}
