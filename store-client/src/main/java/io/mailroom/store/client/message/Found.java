package io.mailroom.store.client.message;

import java.util.List;

/** What a search matched: UIDs ascending, and the highest MODSEQ among them (CONDSTORE). */
public record Found(List<Long> uids, long highestModseq) {
  public Found {
    uids = List.copyOf(uids);
  }
}
