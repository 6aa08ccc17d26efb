package io.mailroom.store.client.message;

import static io.mailroom.store.client.StoreCalls.as;

import io.mailroom.store.api.v1.BodySection;
import io.mailroom.store.api.v1.FetchReply;
import io.mailroom.store.api.v1.FetchRequest;
import io.mailroom.store.api.v1.MessagesGrpc.MessagesStub;
import io.mailroom.store.api.v1.SectionText;
import io.mailroom.store.client.StoreCalls;
import io.mailroom.store.client.StoreFailure;
import io.mailroom.store.client.StoreStubs;
import io.mailroom.store.client.auth.Caller;
import io.mailroom.store.client.mailbox.MailboxMapping;
import io.mailroom.store.client.mailbox.MailboxRef;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reading messages (the store's Fetch): metadata and body sections, streamed only as fast as the
 * subscriber asks, so a slow client holds back the store instead of filling the gateway's memory.
 */
@ApplicationScoped
public class FetchClient {
  /** Replies held for a subscriber on a context: metadata is small, a FETCH asks for many. */
  private static final int PARTS_AHEAD = 16;

  /** Chunks held for a subscriber on a context: keeps the memory of a body stream small. */
  private static final int CHUNKS_AHEAD = 2;

  private final StoreCalls calls;
  private final MessagesStub messages;

  @Inject
  public FetchClient(StoreCalls calls, StoreStubs stubs) {
    this.calls = calls;
    this.messages = stubs.messageStreams();
  }

  /**
   * What {@code spec} asks of each message in {@code uids}: per message a {@link FetchPart.Meta},
   * then the chunks of its sections in order.
   */
  public Multi<FetchPart> fetch(Caller caller, MailboxRef mailbox, UidSet uids, FetchSpec spec) {
    return calls
        .demandDriven(
            "fetch", as(caller, messages)::fetch, request(mailbox, uids, spec), PARTS_AHEAD)
        .map(FetchClient::part);
  }

  /**
   * One section of one message as its bytes, a chunk per demand. A message that is gone (expunged
   * elsewhere since it was listed) fails with NONEXISTENT: it must not look like an empty one.
   */
  public Multi<byte[]> section(
      Caller caller, MailboxRef mailbox, long uid, FetchSpec.Section section) {
    var request = request(mailbox, UidSet.one(uid), FetchSpec.peek(List.of(section)));
    return Multi.createFrom()
        .deferred(
            () -> {
              var answered = new AtomicBoolean();
              return calls
                  .demandDriven("fetch", as(caller, messages)::fetch, request, CHUNKS_AHEAD)
                  .onItem()
                  .invoke(reply -> answered.set(true))
                  .select()
                  .where(FetchReply::hasChunk)
                  .map(reply -> reply.getChunk().getData().toByteArray())
                  .onCompletion()
                  .call(
                      () ->
                          answered.get()
                              ? Uni.createFrom().voidItem()
                              : Uni.createFrom()
                                  .failure(
                                      new StoreFailure(
                                          StoreFailure.Reason.NONEXISTENT,
                                          "message " + uid + " is gone")));
            });
  }

  private static FetchRequest request(MailboxRef mailbox, UidSet uids, FetchSpec spec) {
    var request =
        FetchRequest.newBuilder()
            .setMailbox(MailboxMapping.toProto(mailbox))
            .setUids(MessageMapping.toProto(uids))
            .setFlags(spec.flags())
            .setInternalDate(spec.internalDate())
            .setSize(spec.size())
            .setEnvelope(spec.envelope())
            .setBodyStructure(spec.bodyStructure())
            .setModseq(spec.modseq())
            .setChangedSince(spec.changedSince())
            .setSetSeen(spec.setSeen());
    for (var section : spec.sections()) {
      var s =
          BodySection.newBuilder()
              .setPart(section.part())
              .setText(sectionText(section.text()))
              .addAllHeaderFields(section.headerFields());
      section
          .partial()
          .ifPresent(p -> s.setPartial(true).setPartialOffset(p[0]).setPartialLength(p[1]));
      request.addSections(s);
    }
    return request.build();
  }

  private static FetchPart part(FetchReply reply) {
    if (reply.hasMeta()) {
      var m = reply.getMeta();
      return new FetchPart.Meta(
          Integer.toUnsignedLong(m.getUid()),
          m.getFlagsList(),
          m.getInternalDateEpochMs(),
          m.getInternalDateOffsetMinutes(),
          m.getSize(),
          m.getEnvelope(),
          m.getBodyStructure(),
          m.getBody(),
          m.getModseq());
    }
    var c = reply.getChunk();
    return new FetchPart.Chunk(
        Integer.toUnsignedLong(c.getUid()),
        c.getSectionIndex(),
        c.getTotalLength(),
        c.getData().toByteArray(),
        c.getLast(),
        c.getOrigin());
  }

  private static SectionText sectionText(FetchSpec.Text text) {
    return switch (text) {
      case ALL -> SectionText.SECTION_TEXT_UNSPECIFIED;
      case HEADER -> SectionText.SECTION_HEADER;
      case HEADER_FIELDS -> SectionText.SECTION_HEADER_FIELDS;
      case HEADER_FIELDS_NOT -> SectionText.SECTION_HEADER_FIELDS_NOT;
      case TEXT -> SectionText.SECTION_TEXT;
      case MIME -> SectionText.SECTION_MIME;
    };
  }
}
