package io.mailroom.imap.store;

import static io.mailroom.imap.store.ProtoMapping.ref;
import static io.mailroom.imap.store.ProtoMapping.uidSet;
import static io.mailroom.imap.store.StoreCalls.as;

import io.mailroom.store.api.v1.BodySection;
import io.mailroom.store.api.v1.FetchRequest;
import io.mailroom.store.api.v1.Messages;
import io.mailroom.store.api.v1.SectionText;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** FETCH over the store's Messages service: metadata, then body sections in chunks. */
@ApplicationScoped
class GrpcFetch {
  @GrpcClient("store")
  Messages messages;

  @Inject StoreCalls calls;

  Multi<FetchPart> fetch(AccountSession session, MailboxRef mailbox, UidSet uids, FetchSpec spec) {
    var request =
        FetchRequest.newBuilder()
            .setMailbox(ref(mailbox))
            .setUids(uidSet(uids))
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
    return calls.timed(
        "fetch", as(session, messages).fetch(request.build()).map(GrpcFetch::fetchPart));
  }

  private static FetchPart fetchPart(io.mailroom.store.api.v1.FetchReply reply) {
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
