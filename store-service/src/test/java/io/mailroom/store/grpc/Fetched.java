package io.mailroom.store.grpc;

import io.mailroom.store.api.v1.FetchReply;
import io.mailroom.store.api.v1.MessageMeta;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A FETCH reply stream reassembled: metas in order, section bytes per (uid, index). */
final class Fetched {
  final List<MessageMeta> metas = new ArrayList<>();
  final Map<String, ByteArrayOutputStream> sections = new LinkedHashMap<>();
  int maxChunk;

  Fetched(Iterator<FetchReply> replies) {
    replies.forEachRemaining(
        r -> {
          if (r.hasMeta()) {
            metas.add(r.getMeta());
          } else {
            var c = r.getChunk();
            maxChunk = Math.max(maxChunk, c.getData().size());
            sections
                .computeIfAbsent(
                    c.getUid() + ":" + c.getSectionIndex(), k -> new ByteArrayOutputStream())
                .writeBytes(c.getData().toByteArray());
          }
        });
  }

  byte[] bytes(int uid, int index) {
    var out = sections.get(uid + ":" + index);
    return out == null ? null : out.toByteArray();
  }

  String text(int uid, int index) {
    return new String(bytes(uid, index), java.nio.charset.StandardCharsets.UTF_8);
  }
}
