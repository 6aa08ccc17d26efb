package io.mailroom.store.grpc;

import io.mailroom.mime.SectionLocator.Kind;
import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.api.v1.BodySection;
import io.mailroom.store.api.v1.MessageMeta;
import io.mailroom.store.api.v1.MessageState;
import io.mailroom.store.api.v1.SearchKey;
import io.mailroom.store.api.v1.UidRange;
import io.mailroom.store.mailbox.MailboxRef;
import io.mailroom.store.message.SearchTerm;
import io.mailroom.store.message.Section;
import io.mailroom.store.message.StoredMessage;
import io.mailroom.store.message.UidSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Proto messages to domain values and back; nothing else. */
final class ProtoMapping {
  private static final int MAX_RANGES = 10_000;

  private ProtoMapping() {}

  static MailboxRef ref(io.mailroom.store.api.v1.MailboxRef ref) {
    return new MailboxRef(ref.getMailboxId(), Integer.toUnsignedLong(ref.getUidValidity()));
  }

  static UidSet uids(io.mailroom.store.api.v1.UidSet set) {
    if (set.getRangesCount() > MAX_RANGES) {
      throw new StoreFailure(Reason.BAD_REQUEST, "too many UID ranges");
    }
    List<UidSet.Range> ranges = new ArrayList<>();
    for (UidRange r : set.getRangesList()) {
      ranges.add(
          new UidSet.Range(
              Integer.toUnsignedLong(r.getFirst()), Integer.toUnsignedLong(r.getLast())));
    }
    return new UidSet(ranges);
  }

  static io.mailroom.store.api.v1.UidSet uids(List<Long> ascending) {
    var builder = io.mailroom.store.api.v1.UidSet.newBuilder();
    for (UidSet.Range r : UidSet.ofUids(ascending).ranges()) {
      builder.addRanges(UidRange.newBuilder().setFirst((int) r.first()).setLast((int) r.last()));
    }
    return builder.build();
  }

  static MessageState state(io.mailroom.store.message.MessageState s) {
    return MessageState.newBuilder()
        .setUid((int) s.uid())
        .addAllFlags(s.flags())
        .setModseq(s.modseq())
        .build();
  }

  static Section section(BodySection s) {
    Kind kind =
        switch (s.getText()) {
          case SECTION_HEADER -> Kind.HEADER;
          case SECTION_HEADER_FIELDS -> Kind.HEADER_FIELDS;
          case SECTION_HEADER_FIELDS_NOT -> Kind.HEADER_FIELDS_NOT;
          case SECTION_TEXT -> Kind.TEXT;
          case SECTION_MIME -> Kind.MIME;
          default -> Kind.WHOLE;
        };
    if (!s.getPart().isEmpty()
        && !s.getPart().matches("[1-9][0-9]{0,5}(\\.[1-9][0-9]{0,5}){0,50}")) {
      throw new StoreFailure(Reason.BAD_REQUEST, "bad section part");
    }
    return new Section(
        s.getPart(),
        kind,
        s.getHeaderFieldsList(),
        s.getPartial(),
        s.getPartialOffset(),
        s.getPartialLength());
  }

  static MessageMeta meta(StoredMessage m, io.mailroom.store.api.v1.FetchRequest r) {
    MessageMeta.Builder b = MessageMeta.newBuilder().setUid((int) m.uid());
    if (r.getFlags()) {
      b.addAllFlags(m.flags());
    }
    if (r.getInternalDate()) {
      b.setInternalDateEpochMs(m.internalDate().toInstant().toEpochMilli())
          .setInternalDateOffsetMinutes(m.internalDateOffset());
    }
    if (r.getSize()) {
      b.setSize(m.size());
    }
    if (r.getEnvelope()) {
      b.setEnvelope(m.envelope());
    }
    if (r.getBodyStructure()) {
      b.setBodyStructure(m.bodyStructure()).setBody(m.body());
    }
    if (r.getModseq()) {
      b.setModseq(m.modseq());
    }
    if (r.getEmailId()) {
      b.setEmailId(m.emailId());
    }
    return b.build();
  }

  static SearchTerm search(SearchKey k, int depth) {
    if (depth > 32) {
      throw new StoreFailure(Reason.BAD_REQUEST, "search key too deep");
    }
    List<SearchTerm> children = new ArrayList<>();
    for (SearchKey c : k.getChildrenList()) {
      children.add(search(c, depth + 1));
    }
    SearchTerm.Kind kind =
        switch (k.getKind()) {
          case SEARCH_KIND_ALL, SEARCH_KIND_UNSPECIFIED -> SearchTerm.Kind.ALL;
          case SEARCH_KIND_NONE -> SearchTerm.Kind.NONE;
          case SEARCH_KIND_FLAG_SET -> SearchTerm.Kind.FLAG_SET;
          case SEARCH_KIND_FLAG_UNSET -> SearchTerm.Kind.FLAG_UNSET;
          case SEARCH_KIND_BEFORE -> SearchTerm.Kind.BEFORE;
          case SEARCH_KIND_ON -> SearchTerm.Kind.ON;
          case SEARCH_KIND_SINCE -> SearchTerm.Kind.SINCE;
          case SEARCH_KIND_SENT_BEFORE -> SearchTerm.Kind.SENT_BEFORE;
          case SEARCH_KIND_SENT_ON -> SearchTerm.Kind.SENT_ON;
          case SEARCH_KIND_SENT_SINCE -> SearchTerm.Kind.SENT_SINCE;
          case SEARCH_KIND_LARGER -> SearchTerm.Kind.LARGER;
          case SEARCH_KIND_SMALLER -> SearchTerm.Kind.SMALLER;
          case SEARCH_KIND_HEADER -> SearchTerm.Kind.HEADER;
          case SEARCH_KIND_BODY -> SearchTerm.Kind.BODY;
          case SEARCH_KIND_TEXT -> SearchTerm.Kind.TEXT;
          case SEARCH_KIND_UID -> SearchTerm.Kind.UID;
          case SEARCH_KIND_AND -> SearchTerm.Kind.AND;
          case SEARCH_KIND_OR -> SearchTerm.Kind.OR;
          case SEARCH_KIND_NOT -> SearchTerm.Kind.NOT;
          case SEARCH_KIND_MODSEQ -> SearchTerm.Kind.MODSEQ;
          default -> throw new StoreFailure(Reason.BAD_REQUEST, "unknown search key");
        };
    return new SearchTerm(
        kind,
        k.getText(),
        k.getHeaderName(),
        LocalDate.ofEpochDay(k.getDateEpochDay()),
        k.getNumber(),
        uids(k.getUids()),
        children);
  }
}
