package io.mailroom.store.message;

/** What FETCH streams: per message its metadata, then its sections' chunks in order. */
public sealed interface FetchItem {

  /** A message's metadata (flags after set_seen). */
  record Meta(StoredMessage message) implements FetchItem {}

  /** One piece of one section; totalLength is the section's length after partial. */
  record Chunk(long uid, int sectionIndex, long totalLength, byte[] data, boolean last, long origin)
      implements FetchItem {}
}
