package io.mailroom.imap.store;

import com.google.protobuf.ByteString;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailroom.store.api.v1.AppendHeader;
import io.mailroom.store.api.v1.AppendRequest;
import io.mailroom.store.api.v1.Auth;
import io.mailroom.store.api.v1.AuthenticateRequest;
import io.mailroom.store.api.v1.BodySection;
import io.mailroom.store.api.v1.ChangesRequest;
import io.mailroom.store.api.v1.CopyRequest;
import io.mailroom.store.api.v1.CreateMailboxRequest;
import io.mailroom.store.api.v1.DeleteMailboxRequest;
import io.mailroom.store.api.v1.ExpungeMode;
import io.mailroom.store.api.v1.ExpungeRequest;
import io.mailroom.store.api.v1.FetchRequest;
import io.mailroom.store.api.v1.FlagMode;
import io.mailroom.store.api.v1.ListMailboxesRequest;
import io.mailroom.store.api.v1.MailboxInfo;
import io.mailroom.store.api.v1.Messages;
import io.mailroom.store.api.v1.PasswordCredential;
import io.mailroom.store.api.v1.RenameMailboxRequest;
import io.mailroom.store.api.v1.SearchRequest;
import io.mailroom.store.api.v1.SectionText;
import io.mailroom.store.api.v1.SelectRequest;
import io.mailroom.store.api.v1.StatusRequest;
import io.mailroom.store.api.v1.StoreFlagsRequest;
import io.mailroom.store.api.v1.SubscribeRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one adapter from {@link MailStore} to the store's gRPC contract (store.proto): proto types
 * stop here, and gRPC failures become {@link StoreFailure}s.
 */
@ApplicationScoped
public class GrpcMailStore implements MailStore {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  @GrpcClient("store")
  Auth auth;

  @GrpcClient("store")
  io.mailroom.store.api.v1.Mailboxes mailboxes;

  @GrpcClient("store")
  Messages messages;

  @Inject MeterRegistry registry;

  @Override
  public Uni<AccountSession> login(String username, String password, String remoteAddress) {
    var request =
        AuthenticateRequest.newBuilder()
            .setPassword(
                PasswordCredential.newBuilder().setUsername(username).setPassword(password))
            .setRemoteAddress(remoteAddress)
            .setProtocol("imap")
            .build();
    return timed("authenticate", auth.authenticate(request))
        .map(reply -> new AccountSession(reply.getToken(), reply.getUsername()));
  }

  @Override
  public Uni<AccountSession> loginPlain(byte[] saslPlain, String remoteAddress) {
    var request =
        AuthenticateRequest.newBuilder()
            .setSaslPlain(ByteString.copyFrom(saslPlain))
            .setRemoteAddress(remoteAddress)
            .setProtocol("imap")
            .build();
    return timed("authenticate", auth.authenticate(request))
        .map(reply -> new AccountSession(reply.getToken(), reply.getUsername()));
  }

  @Override
  public Uni<Mailboxes> list(
      AccountSession session, String reference, String pattern, boolean subscribedOnly) {
    var request =
        ListMailboxesRequest.newBuilder()
            .setReference(reference)
            .setPattern(pattern)
            .setSubscribedOnly(subscribedOnly)
            .build();
    return timed("list", as(session, mailboxes).list(request))
        .map(
            reply ->
                new Mailboxes(
                    reply.getDelimiter().isEmpty() ? "/" : reply.getDelimiter(),
                    reply.getMailboxesList().stream()
                        .map(e -> new Mailboxes.Entry(e.getName(), e.getAttributesList()))
                        .toList()));
  }

  @Override
  public Uni<Void> create(AccountSession session, String name, Optional<String> specialUse) {
    var request =
        CreateMailboxRequest.newBuilder().setName(name).setSpecialUse(specialUse.orElse(""));
    return timed("create", as(session, mailboxes).create(request.build())).replaceWithVoid();
  }

  @Override
  public Uni<Void> delete(AccountSession session, String name) {
    return timed(
            "delete",
            as(session, mailboxes).delete(DeleteMailboxRequest.newBuilder().setName(name).build()))
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> rename(AccountSession session, String from, String to) {
    return timed(
            "rename",
            as(session, mailboxes)
                .rename(RenameMailboxRequest.newBuilder().setFrom(from).setTo(to).build()))
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> subscribe(AccountSession session, String name, boolean subscribe) {
    return timed(
            "subscribe",
            as(session, mailboxes)
                .subscribe(
                    SubscribeRequest.newBuilder().setName(name).setSubscribe(subscribe).build()))
        .replaceWithVoid();
  }

  @Override
  public Uni<List<MailboxStatus>> status(AccountSession session, List<String> names) {
    return timed(
            "status",
            as(session, mailboxes).status(StatusRequest.newBuilder().addAllNames(names).build()))
        .map(
            reply ->
                reply.getStatusesList().stream()
                    .map(
                        s ->
                            new MailboxStatus(
                                s.getName(),
                                Integer.toUnsignedLong(s.getMessages()),
                                Integer.toUnsignedLong(s.getRecent()),
                                Integer.toUnsignedLong(s.getUidNext()),
                                Integer.toUnsignedLong(s.getUidValidity()),
                                Integer.toUnsignedLong(s.getUnseen()),
                                s.getHighestModseq(),
                                s.getSize()))
                    .toList());
  }

  @Override
  public Uni<OpenedMailbox> select(AccountSession session, String name, boolean readOnly) {
    var request = SelectRequest.newBuilder().setName(name).setReadOnly(readOnly).build();
    Uni<List<io.mailroom.store.api.v1.SelectReply>> replies =
        as(session, messages).select(request).collect().asList();
    return timed("select", replies)
        .map(
            list -> {
              MailboxInfo info = null;
              var states = new ArrayList<MessageState>();
              for (var reply : list) {
                if (reply.hasMailbox()) {
                  info = reply.getMailbox();
                } else if (reply.hasPage()) {
                  reply.getPage().getStatesList().forEach(s -> states.add(state(s)));
                }
              }
              if (info == null) {
                throw new StoreFailure(StoreFailure.Reason.UNKNOWN, "Select returned no mailbox");
              }
              return new OpenedMailbox(
                  new MailboxRef(
                      info.getMailboxId(), Integer.toUnsignedLong(info.getUidValidity())),
                  info.getName(),
                  Integer.toUnsignedLong(info.getUidNext()),
                  info.getHighestModseq(),
                  Integer.toUnsignedLong(info.getUnseen()),
                  Integer.toUnsignedLong(info.getFirstUnseenUid()),
                  info.getFlagsList(),
                  info.getPermanentFlagsList(),
                  Integer.toUnsignedLong(info.getFirstRecentUid()),
                  info.getReadOnly(),
                  states);
            });
  }

  @Override
  public Multi<FetchPart> fetch(
      AccountSession session, MailboxRef mailbox, UidSet uids, FetchSpec spec) {
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
    Timer.Sample sample = Timer.start(registry);
    return as(session, messages)
        .fetch(request.build())
        .map(GrpcMailStore::fetchPart)
        .onTermination()
        .invoke(() -> sample.stop(timer("fetch")))
        .onFailure()
        .transform(GrpcMailStore::failure);
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

  @Override
  public Uni<Appended> append(AccountSession session, AppendSpec spec, Multi<byte[]> data) {
    var header =
        AppendHeader.newBuilder()
            .setMailbox(spec.mailbox())
            .addAllFlags(spec.flags())
            .setInternalDateEpochMs(spec.internalDateMs())
            .setInternalDateOffsetMinutes(spec.offsetMinutes())
            .setSize(spec.size())
            .build();
    Multi<AppendRequest> requests =
        Multi.createBy()
            .concatenating()
            .streams(
                Multi.createFrom().item(AppendRequest.newBuilder().setHeader(header).build()),
                data.map(
                    bytes ->
                        AppendRequest.newBuilder().setData(ByteString.copyFrom(bytes)).build()));
    return timed("append", as(session, messages).append(requests))
        .map(
            r ->
                new Appended(
                    r.getMailboxId(),
                    Integer.toUnsignedLong(r.getUidValidity()),
                    Integer.toUnsignedLong(r.getUid())));
  }

  @Override
  public Uni<FlagsStored> storeFlags(
      AccountSession session,
      MailboxRef mailbox,
      UidSet uids,
      FlagChange change,
      List<String> flags,
      long unchangedSince) {
    var mode =
        switch (change) {
          case ADD -> FlagMode.FLAG_MODE_ADD;
          case REMOVE -> FlagMode.FLAG_MODE_REMOVE;
          case REPLACE -> FlagMode.FLAG_MODE_REPLACE;
        };
    var request =
        StoreFlagsRequest.newBuilder()
            .setMailbox(ref(mailbox))
            .setUids(uidSet(uids))
            .setMode(mode)
            .addAllFlags(flags)
            .setUnchangedSince(unchangedSince)
            .build();
    return timed("store-flags", as(session, messages).storeFlags(request))
        .map(
            r ->
                new FlagsStored(
                    r.getUpdatedList().stream().map(GrpcMailStore::state).toList(),
                    uids(r.getModified()),
                    r.getHighestModseq()));
  }

  @Override
  public Uni<Copied> copy(
      AccountSession session, MailboxRef mailbox, UidSet uids, String target, boolean move) {
    var request =
        CopyRequest.newBuilder()
            .setSource(ref(mailbox))
            .setUids(uidSet(uids))
            .setTarget(target)
            .setMove(move)
            .build();
    return timed(move ? "move" : "copy", as(session, messages).copy(request))
        .map(
            r ->
                new Copied(
                    r.getTargetMailboxId(),
                    Integer.toUnsignedLong(r.getTargetUidValidity()),
                    unsigned(r.getSourceUidsList()),
                    unsigned(r.getTargetUidsList()),
                    unsigned(r.getExpungedUidsList())));
  }

  @Override
  public Uni<List<Long>> expunge(
      AccountSession session, MailboxRef mailbox, Optional<UidSet> uids) {
    var request = ExpungeRequest.newBuilder().setMailbox(ref(mailbox));
    if (uids.isPresent()) {
      request.setMode(ExpungeMode.EXPUNGE_MODE_DELETED_IN_SET).setUids(uidSet(uids.get()));
    } else {
      request.setMode(ExpungeMode.EXPUNGE_MODE_ALL_DELETED);
    }
    return timed("expunge", as(session, messages).expunge(request.build()))
        .map(r -> unsigned(r.getExpungedUidsList()));
  }

  @Override
  public Uni<Found> search(AccountSession session, MailboxRef mailbox, Query query) {
    var request =
        SearchRequest.newBuilder().setMailbox(ref(mailbox)).setKey(QueryMapping.toProto(query));
    return timed("search", as(session, messages).search(request.build()))
        .map(r -> new Found(unsigned(r.getUidsList()), r.getHighestModseq()));
  }

  @Override
  public Uni<Changes> changes(AccountSession session, MailboxRef mailbox, long sinceModseq) {
    var request =
        ChangesRequest.newBuilder().setMailbox(ref(mailbox)).setSinceModseq(sinceModseq).build();
    return timed("changes", as(session, messages).changes(request))
        .map(
            r ->
                new Changes(
                    Integer.toUnsignedLong(r.getUidNext()),
                    r.getHighestModseq(),
                    r.getChangedList().stream().map(GrpcMailStore::state).toList(),
                    unsigned(r.getExpungedUidsList()),
                    r.getUidValidityChanged(),
                    Integer.toUnsignedLong(r.getMessages())));
  }

  // ------------------------------------------------------------------ mapping

  private static <T> T as(AccountSession session, T client) {
    var headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer " + session.token());
    return GrpcClientUtils.attachHeaders(client, headers);
  }

  private <T> Uni<T> timed(String operation, Uni<T> call) {
    Timer.Sample sample = Timer.start(registry);
    return call.onTermination()
        .invoke(() -> sample.stop(timer(operation)))
        .onFailure()
        .transform(GrpcMailStore::failure);
  }

  private Timer timer(String operation) {
    return Timer.builder("mailroom.imap.store.call")
        .description("Latency of calls to the store")
        .tag("operation", operation)
        .publishPercentileHistogram()
        .register(registry);
  }

  static final Metadata.Key<String> MAILROOM_ERROR =
      Metadata.Key.of("mailroom-error", Metadata.ASCII_STRING_MARSHALLER);

  /** gRPC status and the "mailroom-error" trailer to a {@link StoreFailure}: the one place. */
  static Throwable failure(Throwable error) {
    if (error instanceof StoreFailure) {
      return error;
    }
    Status status = Status.fromThrowable(error);
    Metadata trailers = Status.trailersFromThrowable(error);
    String code = trailers == null ? null : trailers.get(MAILROOM_ERROR);
    StoreFailure.Reason reason = null;
    if (code != null) {
      try {
        reason = StoreFailure.Reason.valueOf(code);
      } catch (IllegalArgumentException unknown) {
        reason = null;
      }
    }
    if (reason == null) {
      reason =
          switch (status.getCode()) {
            case UNAUTHENTICATED -> StoreFailure.Reason.AUTHENTICATION_FAILED;
            case NOT_FOUND -> StoreFailure.Reason.NONEXISTENT;
            case ALREADY_EXISTS -> StoreFailure.Reason.ALREADYEXISTS;
            case RESOURCE_EXHAUSTED -> StoreFailure.Reason.OVERQUOTA;
            case PERMISSION_DENIED, FAILED_PRECONDITION -> StoreFailure.Reason.CANNOT;
            case INVALID_ARGUMENT -> StoreFailure.Reason.INVALID_NAME;
            case UNAVAILABLE, DEADLINE_EXCEEDED -> StoreFailure.Reason.UNAVAILABLE;
            default -> StoreFailure.Reason.UNKNOWN;
          };
    }
    String message =
        error instanceof StatusRuntimeException && status.getDescription() != null
            ? status.getDescription()
            : status.getCode().name();
    return new StoreFailure(reason, message);
  }

  private static io.mailroom.store.api.v1.MailboxRef ref(MailboxRef ref) {
    return io.mailroom.store.api.v1.MailboxRef.newBuilder()
        .setMailboxId(ref.mailboxId())
        .setUidValidity((int) ref.uidValidity())
        .build();
  }

  static io.mailroom.store.api.v1.UidSet uidSet(UidSet set) {
    var builder = io.mailroom.store.api.v1.UidSet.newBuilder();
    for (var r : set.ranges()) {
      builder.addRanges(
          io.mailroom.store.api.v1.UidRange.newBuilder()
              .setFirst((int) r.first())
              .setLast((int) r.last()));
    }
    return builder.build();
  }

  private static MessageState state(io.mailroom.store.api.v1.MessageState s) {
    return new MessageState(Integer.toUnsignedLong(s.getUid()), s.getFlagsList(), s.getModseq());
  }

  /** The UIDs of an explicit set (the store's MODIFIED sets name existing messages). */
  private static List<Long> uids(io.mailroom.store.api.v1.UidSet set) {
    var uids = new ArrayList<Long>();
    for (var r : set.getRangesList()) {
      long first = Integer.toUnsignedLong(r.getFirst());
      long last = Integer.toUnsignedLong(r.getLast());
      for (long uid = first; uid <= last && uid < 4294967295L; uid++) {
        uids.add(uid);
      }
    }
    return uids;
  }

  private static List<Long> unsigned(List<Integer> values) {
    return values.stream().map(Integer::toUnsignedLong).toList();
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
