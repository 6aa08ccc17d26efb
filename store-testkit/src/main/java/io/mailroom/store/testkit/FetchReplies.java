package io.mailroom.store.testkit;

import com.google.protobuf.ByteString;
import io.mailroom.store.api.v1.FetchReply;
import io.mailroom.store.api.v1.FetchRequest;
import io.mailroom.store.api.v1.MessageMeta;
import io.mailroom.store.api.v1.SectionChunk;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Fetch streams for one message, as the real store's FetchService: its metadata (only what
 * was asked for), then each section in chunks; an empty section is one empty last chunk.
 */
final class FetchReplies {
  private static final int MAX_SECTIONS = 64;

  private FetchReplies() {}

  static List<FetchReply> of(StoredMessage m, FetchRequest request, int chunkSize) {
    if (request.getSectionsCount() > MAX_SECTIONS) {
      throw StoreErrors.badRequest("too many sections");
    }
    var replies = new ArrayList<FetchReply>();
    replies.add(FetchReply.newBuilder().setMeta(meta(m, request)).build());
    for (int s = 0; s < request.getSectionsCount(); s++) {
      var section = request.getSections(s);
      byte[] bytes = SectionBytes.partial(SectionBytes.of(m, section), section);
      long origin = section.getPartial() ? section.getPartialOffset() : 0;
      chunks(m.uid(), s, bytes, origin, chunkSize, replies);
    }
    return replies;
  }

  private static MessageMeta meta(StoredMessage m, FetchRequest request) {
    var meta = MessageMeta.newBuilder().setUid((int) m.uid());
    if (request.getFlags()) {
      meta.addAllFlags(m.flags());
    }
    if (request.getInternalDate()) {
      meta.setInternalDateEpochMs(m.internalDateMs())
          .setInternalDateOffsetMinutes(m.internalDateOffsetMinutes());
    }
    if (request.getSize()) {
      meta.setSize(m.sharedBytes().length);
    }
    if (request.getEnvelope()) {
      meta.setEnvelope(m.parsed().envelope());
    }
    if (request.getBodyStructure()) {
      meta.setBodyStructure(m.parsed().bodyStructure()).setBody(m.parsed().body());
    }
    if (request.getModseq()) {
      meta.setModseq(m.modseq());
    }
    if (request.getEmailId()) {
      meta.setEmailId(m.uidl());
    }
    return meta.build();
  }

  private static void chunks(
      long uid, int index, byte[] section, long origin, int size, List<FetchReply> replies) {
    int offset = 0;
    do {
      int end = Math.min(section.length, offset + size);
      replies.add(
          FetchReply.newBuilder()
              .setChunk(
                  SectionChunk.newBuilder()
                      .setUid((int) uid)
                      .setSectionIndex(index)
                      .setTotalLength(section.length)
                      .setData(ByteString.copyFrom(section, offset, end - offset))
                      .setLast(end == section.length)
                      .setOrigin(origin))
              .build());
      offset = end;
    } while (offset < section.length);
  }
}
