package io.mailroom.imap.fake;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.mailroom.store.api.v1.AppendReply;
import io.mailroom.store.api.v1.AppendRequest;
import io.mailroom.store.api.v1.BodySection;
import io.mailroom.store.api.v1.ChangesReply;
import io.mailroom.store.api.v1.ChangesRequest;
import io.mailroom.store.api.v1.CopyReply;
import io.mailroom.store.api.v1.CopyRequest;
import io.mailroom.store.api.v1.ErrorCode;
import io.mailroom.store.api.v1.ExpungeMode;
import io.mailroom.store.api.v1.ExpungeReply;
import io.mailroom.store.api.v1.ExpungeRequest;
import io.mailroom.store.api.v1.FetchReply;
import io.mailroom.store.api.v1.FetchRequest;
import io.mailroom.store.api.v1.MailboxInfo;
import io.mailroom.store.api.v1.MessageMeta;
import io.mailroom.store.api.v1.MessageState;
import io.mailroom.store.api.v1.MessageStates;
import io.mailroom.store.api.v1.Messages;
import io.mailroom.store.api.v1.SearchKey;
import io.mailroom.store.api.v1.SearchReply;
import io.mailroom.store.api.v1.SearchRequest;
import io.mailroom.store.api.v1.SectionChunk;
import io.mailroom.store.api.v1.SelectReply;
import io.mailroom.store.api.v1.SelectRequest;
import io.mailroom.store.api.v1.StoreFlagsReply;
import io.mailroom.store.api.v1.StoreFlagsRequest;
import io.mailroom.store.api.v1.UidRange;
import io.mailroom.store.api.v1.UidSet;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

@GrpcService
public class FakeMessagesService implements Messages {
  private final FakeStore store;

  FakeMessagesService(FakeStore store) {
    this.store = store;
  }

  private static String token() {
    return TokenInterceptor.TOKEN.get();
  }

  @Override
  public Multi<SelectReply> select(SelectRequest request) {
    String token = token();
    return Multi.createFrom()
        .deferred(
            () -> {
              synchronized (store) {
                var box = store.mailbox(store.byToken(token), request.getName());
                long firstRecent = box.recentClaimedUpTo + 1;
                if (!request.getReadOnly()) {
                  box.recentClaimedUpTo = box.uidNext - 1;
                }
                var flags = new LinkedHashSet<String>();
                box.messages.values().forEach(m -> flags.addAll(m.flags));
                var firstUnseen =
                    box.messages.values().stream()
                        .filter(m -> !m.flags.contains("\\Seen"))
                        .findFirst();
                var info =
                    MailboxInfo.newBuilder()
                        .setMailboxId(box.id)
                        .setName(box.name)
                        .setUidValidity((int) box.uidValidity)
                        .setUidNext((int) box.uidNext)
                        .setHighestModseq(box.highestModseq)
                        .setMessages(box.messages.size())
                        .setUnseen(
                            (int)
                                box.messages.values().stream()
                                    .filter(m -> !m.flags.contains("\\Seen"))
                                    .count())
                        .setFirstUnseenUid(firstUnseen.map(m -> (int) m.uid).orElse(0))
                        .addAllFlags(flags)
                        .addAllPermanentFlags(
                            List.of(
                                "\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft", "\\*"))
                        .setFirstRecentUid(
                            firstRecent < box.uidNext ? (int) firstRecent : (int) box.uidNext)
                        .setReadOnly(request.getReadOnly())
                        .build();
                var replies = new ArrayList<SelectReply>();
                replies.add(SelectReply.newBuilder().setMailbox(info).build());
                var page = MessageStates.newBuilder();
                for (var m : box.messages.values()) {
                  page.addStates(state(m));
                  if (page.getStatesCount() == 2) { // small pages, to exercise paging
                    replies.add(SelectReply.newBuilder().setPage(page).build());
                    page = MessageStates.newBuilder();
                  }
                }
                if (page.getStatesCount() > 0) {
                  replies.add(SelectReply.newBuilder().setPage(page).build());
                }
                return Multi.createFrom().iterable(replies);
              }
            });
  }

  @Override
  public Multi<FetchReply> fetch(FetchRequest request) {
    String token = token();
    store.fetchCalls.incrementAndGet();
    return Multi.createFrom()
        .deferred(
            () -> {
              var replies = new ArrayList<FetchReply>();
              synchronized (store) {
                var box =
                    store.mailbox(
                        store.byToken(token),
                        request.getMailbox().getMailboxId(),
                        Integer.toUnsignedLong(request.getMailbox().getUidValidity()));
                for (var m : selected(box, request.getUids())) {
                  if (request.getChangedSince() > 0 && m.modseq <= request.getChangedSince()) {
                    continue;
                  }
                  if (request.getSetSeen() && m.flags.add("\\Seen")) {
                    m.modseq = box.bump();
                  }
                  var meta =
                      MessageMeta.newBuilder()
                          .setUid((int) m.uid)
                          .addAllFlags(m.flags)
                          .setInternalDateEpochMs(m.internalDate)
                          .setSize(m.bytes.length)
                          .setModseq(m.modseq);
                  if (request.getEnvelope()) {
                    meta.setEnvelope(FakeMime.envelope(m.mime));
                  }
                  if (request.getBodyStructure()) {
                    meta.setBodyStructure(FakeMime.bodyStructure(m.mime, true));
                    meta.setBody(FakeMime.bodyStructure(m.mime, false));
                  }
                  replies.add(FetchReply.newBuilder().setMeta(meta).build());
                  for (int i = 0; i < request.getSectionsCount(); i++) {
                    // Like the real store (SectionRange.EMPTY), a part that does not exist
                    // comes back as an empty section: the store gives no distinct signal.
                    byte[] data = section(m, request.getSections(i));
                    if (data == null) {
                      data = new byte[0];
                    }
                    var s = request.getSections(i);
                    long origin = 0;
                    if (s.getPartial()) {
                      origin = s.getPartialOffset();
                      int from = (int) Math.min(origin, data.length);
                      int to = (int) Math.min((long) from + s.getPartialLength(), data.length);
                      data = Arrays.copyOfRange(data, from, to);
                    }
                    // Two chunks when there is enough, so the gateway's streaming is exercised.
                    int half = data.length > 64 ? data.length / 2 : data.length;
                    replies.add(
                        chunk(m.uid, i, data.length, data, 0, half, half == data.length, origin));
                    if (half < data.length) {
                      replies.add(chunk(m.uid, i, 0, data, half, data.length, true, origin));
                    }
                  }
                }
              }
              return Multi.createFrom().iterable(replies);
            });
  }

  private static FetchReply chunk(
      long uid, int index, long total, byte[] data, int from, int to, boolean last, long origin) {
    return FetchReply.newBuilder()
        .setChunk(
            SectionChunk.newBuilder()
                .setUid((int) uid)
                .setSectionIndex(index)
                .setTotalLength(total)
                .setData(ByteString.copyFrom(data, from, to - from))
                .setLast(last)
                .setOrigin(origin))
        .build();
  }

  private static byte[] section(FakeStore.Message m, BodySection s) {
    FakeMime.Part part = s.getPart().isEmpty() ? m.mime : FakeMime.child(m.mime, s.getPart());
    if (part == null) {
      return null;
    }
    return switch (s.getText()) {
      case SECTION_TEXT_UNSPECIFIED -> {
        if (s.getPart().isEmpty()) {
          yield m.bytes;
        }
        yield part.body();
      }
      case SECTION_HEADER -> part.header();
      case SECTION_HEADER_FIELDS ->
          FakeMime.headerFields(part.header(), s.getHeaderFieldsList(), false);
      case SECTION_HEADER_FIELDS_NOT ->
          FakeMime.headerFields(part.header(), s.getHeaderFieldsList(), true);
      case SECTION_TEXT -> part.body();
      case SECTION_MIME -> part.header();
      default -> null;
    };
  }

  @Override
  public Uni<AppendReply> append(Multi<AppendRequest> requests) {
    String token = token();
    return requests
        .collect()
        .asList()
        .map(
            list -> {
              var account = store.byToken(token);
              if (list.isEmpty() || !list.get(0).hasHeader()) {
                throw Status.INVALID_ARGUMENT.withDescription("no header").asRuntimeException();
              }
              var header = list.get(0).getHeader();
              if (header.getSize() > FakeStore.APPEND_LIMIT) {
                throw FakeStore.failure(Status.RESOURCE_EXHAUSTED, ErrorCode.TOOBIG, "too big");
              }
              var bytes = new ByteArrayOutputStream();
              list.stream().skip(1).forEach(r -> bytes.writeBytes(r.getData().toByteArray()));
              if (bytes.size() != header.getSize()) {
                throw Status.INVALID_ARGUMENT.withDescription("size mismatch").asRuntimeException();
              }
              synchronized (store) {
                var box = store.mailboxOrNull(account, header.getMailbox());
                if (box == null) {
                  throw FakeStore.failure(Status.NOT_FOUND, ErrorCode.TRYCREATE, "no mailbox");
                }
                long date =
                    header.getInternalDateEpochMs() == 0
                        ? System.currentTimeMillis()
                        : header.getInternalDateEpochMs();
                long uid = store.add(box, bytes.toByteArray(), date, header.getFlagsList());
                return AppendReply.newBuilder()
                    .setMailboxId(box.id)
                    .setUidValidity((int) box.uidValidity)
                    .setUid((int) uid)
                    .setModseq(box.highestModseq)
                    .build();
              }
            });
  }

  @Override
  public Uni<StoreFlagsReply> storeFlags(StoreFlagsRequest request) {
    String token = token();
    return Uni.createFrom()
        .item(
            () -> {
              synchronized (store) {
                var box = box(token, request.getMailbox());
                var reply = StoreFlagsReply.newBuilder();
                long modseq = 0;
                long unchangedSince = request.getUnchangedSince();
                var modified = UidSet.newBuilder();
                for (var m : selected(box, request.getUids())) {
                  if (unchangedSince > 0 && m.modseq > unchangedSince) {
                    modified.addRanges(
                        UidRange.newBuilder().setFirst((int) m.uid).setLast((int) m.uid));
                    continue;
                  }
                  var before = new LinkedHashSet<>(m.flags);
                  switch (request.getMode()) {
                    case FLAG_MODE_ADD -> m.flags.addAll(request.getFlagsList());
                    case FLAG_MODE_REMOVE -> request.getFlagsList().forEach(m.flags::remove);
                    default -> {
                      m.flags.clear();
                      m.flags.addAll(request.getFlagsList());
                    }
                  }
                  if (!before.equals(m.flags)) {
                    modseq = modseq == 0 ? box.bump() : modseq;
                    m.modseq = modseq;
                    reply.addUpdated(state(m));
                  }
                }
                return reply.setModified(modified).setHighestModseq(box.highestModseq).build();
              }
            });
  }

  @Override
  public Uni<CopyReply> copy(CopyRequest request) {
    String token = token();
    return Uni.createFrom()
        .item(
            () -> {
              synchronized (store) {
                var account = store.byToken(token);
                var source = box(token, request.getSource());
                var target = store.mailboxOrNull(account, request.getTarget());
                if (target == null) {
                  throw FakeStore.failure(Status.NOT_FOUND, ErrorCode.TRYCREATE, "no target");
                }
                var reply = CopyReply.newBuilder().setTargetMailboxId(target.id);
                reply.setTargetUidValidity((int) target.uidValidity);
                for (var m : selected(source, request.getUids())) {
                  long uid = store.add(target, m.bytes, m.internalDate, new ArrayList<>(m.flags));
                  reply.addSourceUids((int) m.uid).addTargetUids((int) uid);
                }
                if (request.getMove()) {
                  long modseq = source.bump();
                  for (int uid : reply.getSourceUidsList()) {
                    source.messages.remove((long) uid);
                    source.expunged.put((long) uid, modseq);
                    reply.addExpungedUids(uid);
                  }
                }
                return reply.setSourceHighestModseq(source.highestModseq).build();
              }
            });
  }

  @Override
  public Uni<ExpungeReply> expunge(ExpungeRequest request) {
    String token = token();
    return Uni.createFrom()
        .item(
            () -> {
              synchronized (store) {
                var box = box(token, request.getMailbox());
                var reply = ExpungeReply.newBuilder();
                var candidates =
                    request.getMode() == ExpungeMode.EXPUNGE_MODE_ALL_DELETED
                        ? new ArrayList<>(box.messages.values())
                        : selected(box, request.getUids());
                long modseq = 0;
                for (var m : candidates) {
                  if (request.getMode() != ExpungeMode.EXPUNGE_MODE_ALL_IN_SET
                      && !m.flags.contains("\\Deleted")) {
                    continue;
                  }
                  modseq = modseq == 0 ? box.bump() : modseq;
                  box.messages.remove(m.uid);
                  box.expunged.put(m.uid, modseq);
                  reply.addExpungedUids((int) m.uid);
                }
                return reply.setHighestModseq(box.highestModseq).build();
              }
            });
  }

  @Override
  public Uni<SearchReply> search(SearchRequest request) {
    String token = token();
    return Uni.createFrom()
        .item(
            () -> {
              synchronized (store) {
                var box = box(token, request.getMailbox());
                var reply = SearchReply.newBuilder();
                long highest = 0;
                for (var m : box.messages.values()) {
                  if (matches(m, request.getKey(), box)) {
                    reply.addUids((int) m.uid);
                    highest = Math.max(highest, m.modseq);
                  }
                }
                return reply.setHighestModseq(highest).build();
              }
            });
  }

  @Override
  public Uni<ChangesReply> changes(ChangesRequest request) {
    String token = token();
    return Uni.createFrom()
        .item(
            () -> {
              synchronized (store) {
                var box = box(token, request.getMailbox());
                var reply =
                    ChangesReply.newBuilder()
                        .setUidNext((int) box.uidNext)
                        .setHighestModseq(box.highestModseq)
                        .setMessages(box.messages.size());
                for (var m : box.messages.values()) {
                  if (m.modseq > request.getSinceModseq()) {
                    reply.addChanged(state(m));
                  }
                }
                box.expunged.forEach(
                    (uid, modseq) -> {
                      if (modseq > request.getSinceModseq()) {
                        reply.addExpungedUids(uid.intValue());
                      }
                    });
                return reply.build();
              }
            });
  }

  // ------------------------------------------------------------------ helpers

  private FakeStore.Mailbox box(String token, io.mailroom.store.api.v1.MailboxRef ref) {
    return store.mailbox(
        store.byToken(token), ref.getMailboxId(), Integer.toUnsignedLong(ref.getUidValidity()));
  }

  private static List<FakeStore.Message> selected(FakeStore.Mailbox box, UidSet set) {
    var uids = new TreeSet<Long>();
    long max = box.messages.isEmpty() ? 0 : box.messages.lastKey();
    for (var range : set.getRangesList()) {
      long first = Integer.toUnsignedLong(range.getFirst());
      long last = Integer.toUnsignedLong(range.getLast());
      if (last == 4294967295L) {
        last = Math.max(max, first);
      }
      uids.addAll(box.messages.subMap(first, true, last, true).keySet());
    }
    return uids.stream().map(box.messages::get).toList();
  }

  private static MessageState state(FakeStore.Message m) {
    return MessageState.newBuilder()
        .setUid((int) m.uid)
        .addAllFlags(m.flags)
        .setModseq(m.modseq)
        .build();
  }

  private static boolean matches(FakeStore.Message m, SearchKey key, FakeStore.Mailbox box) {
    return switch (key.getKind()) {
      case SEARCH_KIND_ALL -> true;
      case SEARCH_KIND_NONE -> false;
      case SEARCH_KIND_FLAG_SET -> m.flags.contains(key.getText());
      case SEARCH_KIND_FLAG_UNSET -> !m.flags.contains(key.getText());
      case SEARCH_KIND_UID -> {
        boolean in = false;
        for (var r : key.getUids().getRangesList()) {
          long last = Integer.toUnsignedLong(r.getLast());
          in |= m.uid >= Integer.toUnsignedLong(r.getFirst()) && m.uid <= last;
        }
        yield in;
      }
      case SEARCH_KIND_AND -> key.getChildrenList().stream().allMatch(k -> matches(m, k, box));
      case SEARCH_KIND_OR -> key.getChildrenList().stream().anyMatch(k -> matches(m, k, box));
      case SEARCH_KIND_NOT -> !matches(m, key.getChildren(0), box);
      case SEARCH_KIND_LARGER -> m.bytes.length > key.getNumber();
      case SEARCH_KIND_SMALLER -> m.bytes.length < key.getNumber();
      case SEARCH_KIND_MODSEQ -> m.modseq >= key.getNumber();
      case SEARCH_KIND_HEADER -> {
        String value = m.mime.fields().get(key.getHeaderName().toLowerCase(Locale.ROOT));
        yield value != null && contains(value, key.getText());
      }
      case SEARCH_KIND_BODY ->
          contains(new String(m.mime.body(), StandardCharsets.UTF_8), key.getText());
      case SEARCH_KIND_TEXT -> contains(new String(m.bytes, StandardCharsets.UTF_8), key.getText());
      case SEARCH_KIND_BEFORE -> day(m.internalDate) < key.getDateEpochDay();
      case SEARCH_KIND_ON -> day(m.internalDate) == key.getDateEpochDay();
      case SEARCH_KIND_SINCE -> day(m.internalDate) >= key.getDateEpochDay();
      case SEARCH_KIND_SENT_BEFORE -> sentDay(m) < key.getDateEpochDay();
      case SEARCH_KIND_SENT_ON -> sentDay(m) == key.getDateEpochDay();
      case SEARCH_KIND_SENT_SINCE -> sentDay(m) >= key.getDateEpochDay();
      default -> false;
    };
  }

  private static boolean contains(String haystack, String needle) {
    return haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
  }

  private static long day(long epochMs) {
    return Instant.ofEpochMilli(epochMs).atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
  }

  private static long sentDay(FakeStore.Message m) {
    String date = m.mime.fields().get("date");
    try {
      return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME)
          .toLocalDate()
          .toEpochDay();
    } catch (RuntimeException e) {
      return LocalDate.MIN.toEpochDay();
    }
  }
}
