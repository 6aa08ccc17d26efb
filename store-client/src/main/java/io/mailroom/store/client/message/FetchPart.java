package io.mailroom.store.client.message;

import java.util.List;

/**
 * What Fetch streams back: per message its metadata, then its sections' bytes in chunks. UIDs are
 * unsigned; a message expunged meanwhile is simply not in the stream.
 */
public sealed interface FetchPart {
  long uid();

  record Meta(
      long uid,
      List<String> flags,
      long internalDateMs,
      int internalDateOffsetMinutes,
      long size,
      String envelope,
      String bodyStructure,
      String body,
      long modseq)
      implements FetchPart {
    public Meta {
      flags = List.copyOf(flags);
    }
  }

  /** A piece of section {@code sectionIndex}; the first piece carries the total length. */
  record Chunk(long uid, int sectionIndex, long totalLength, byte[] data, boolean last, long origin)
      implements FetchPart {}
}
