package io.mailroom.store.client.message;

import java.util.List;

/** A COPY or MOVE: source and target UIDs in the same order (COPYUID), and what left the source. */
public record Copied(
    long targetMailboxId,
    long targetUidValidity,
    List<Long> sourceUids,
    List<Long> targetUids,
    List<Long> expunged) {
  public Copied {
    sourceUids = List.copyOf(sourceUids);
    targetUids = List.copyOf(targetUids);
    expunged = List.copyOf(expunged);
  }
}
