package io.mailroom.store.grpc;

import io.mailroom.store.api.v1.FetchReply;
import io.mailroom.store.api.v1.FetchRequest;
import io.mailroom.store.api.v1.SectionChunk;
import io.mailroom.store.message.FetchItem;
import io.mailroom.store.message.FetchService;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;

/** Messages.Fetch: the request to a FetchOrder, then each MessageMeta and SectionChunk to proto. */
@ApplicationScoped
class FetchStream {
  private final Callers callers;
  private final FetchService fetch;

  FetchStream(Callers callers, FetchService fetch) {
    this.callers = callers;
    this.fetch = fetch;
  }

  Multi<FetchReply> stream(FetchRequest request) {
    return callers.stream(
        account ->
            fetch
                .fetch(
                    account,
                    new FetchService.FetchOrder(
                        ProtoMapping.ref(request.getMailbox()),
                        ProtoMapping.uids(request.getUids()),
                        request.getSectionsList().stream().map(ProtoMapping::section).toList(),
                        request.getSetSeen(),
                        request.getChangedSince()))
                .map(item -> reply(item, request)));
  }

  private static FetchReply reply(FetchItem item, FetchRequest request) {
    if (item instanceof FetchItem.Meta meta) {
      return FetchReply.newBuilder().setMeta(ProtoMapping.meta(meta.message(), request)).build();
    }
    FetchItem.Chunk c = (FetchItem.Chunk) item;
    return FetchReply.newBuilder()
        .setChunk(
            SectionChunk.newBuilder()
                .setUid((int) c.uid())
                .setSectionIndex(c.sectionIndex())
                .setTotalLength(c.totalLength())
                .setData(com.google.protobuf.UnsafeByteOperations.unsafeWrap(c.data()))
                .setLast(c.last())
                .setOrigin(c.origin()))
        .build();
  }
}
