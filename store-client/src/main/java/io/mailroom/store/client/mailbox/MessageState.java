package io.mailroom.store.client.mailbox;

import java.util.List;

/** One message's mutable state: flags (system flags with backslash) and MODSEQ. */
public record MessageState(long uid, List<String> flags, long modseq) {
  public MessageState {
    flags = List.copyOf(flags);
  }
}
