package io.mailroom.store.grpc;

import io.grpc.ServerServiceDefinition;
import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.api.v1.AppendReply;
import io.mailroom.store.api.v1.AppendRequest;
import io.mailroom.store.api.v1.ChangesReply;
import io.mailroom.store.api.v1.ChangesRequest;
import io.mailroom.store.api.v1.CopyReply;
import io.mailroom.store.api.v1.CopyRequest;
import io.mailroom.store.api.v1.ExpungeReply;
import io.mailroom.store.api.v1.ExpungeRequest;
import io.mailroom.store.api.v1.FetchReply;
import io.mailroom.store.api.v1.FetchRequest;
import io.mailroom.store.api.v1.MailboxInfo;
import io.mailroom.store.api.v1.MessageStates;
import io.mailroom.store.api.v1.MessagesGrpc;
import io.mailroom.store.api.v1.MutinyMessagesGrpc;
import io.mailroom.store.api.v1.SearchReply;
import io.mailroom.store.api.v1.SearchRequest;
import io.mailroom.store.api.v1.SelectReply;
import io.mailroom.store.api.v1.SelectRequest;
import io.mailroom.store.api.v1.StoreFlagsReply;
import io.mailroom.store.api.v1.StoreFlagsRequest;
import io.mailroom.store.mailbox.MailboxRef;
import io.mailroom.store.mailbox.SelectService;
import io.mailroom.store.message.CopyService;
import io.mailroom.store.message.ExpungeMode;
import io.mailroom.store.message.ExpungeService;
import io.mailroom.store.message.FlagMode;
import io.mailroom.store.message.FlagService;
import io.mailroom.store.message.Flags;
import io.mailroom.store.message.SearchService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * The Messages service: proto in, the message services, proto out; Fetch and Append streams have
 * their own classes. It extends the generated base rather than implementing the Messages interface
 * so that it can bind Fetch itself, flow-controlled (see {@link FlowControlledStream}).
 */
@GrpcService
public class MessagesEndpoint extends MutinyMessagesGrpc.MessagesImplBase {
  private static final List<String> PERMANENT_FLAGS =
      List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft", "\\*");

  private final Callers callers;
  private final SelectService select;
  private final FetchStream fetchStream;
  private final AppendIntake appendIntake;
  private final FlagService flags;
  private final CopyService copy;
  private final ExpungeService expunge;
  private final SearchService search;

  MessagesEndpoint(
      Callers callers,
      SelectService select,
      FetchStream fetchStream,
      AppendIntake appendIntake,
      FlagService flags,
      CopyService copy,
      ExpungeService expunge,
      SearchService search) {
    this.callers = callers;
    this.select = select;
    this.fetchStream = fetchStream;
    this.appendIntake = appendIntake;
    this.flags = flags;
    this.copy = copy;
    this.expunge = expunge;
    this.search = search;
  }

  @Override
  public ServerServiceDefinition bindService() {
    return FlowControlledStream.rebind(
        super.bindService(), MessagesGrpc.getFetchMethod(), this::fetch);
  }

  @Override
  public Multi<SelectReply> select(SelectRequest request) {
    return callers.stream(
        account ->
            select
                .open(account, request.getName(), request.getReadOnly())
                .onItem()
                .transformToMulti(
                    opened -> {
                      var m = opened.mailbox();
                      var c = opened.counts();
                      MailboxInfo info =
                          MailboxInfo.newBuilder()
                              .setMailboxId(m.id())
                              .setName(m.name())
                              .setUidValidity((int) m.uidValidity())
                              .setUidNext((int) m.uidNext())
                              .setHighestModseq(m.highestModseq())
                              .setMessages((int) c.messages())
                              .setUnseen((int) c.unseen())
                              .setFirstUnseenUid((int) c.firstUnseen())
                              .addAllFlags(Flags.SYSTEM)
                              .addAllFlags(
                                  opened.flagsInUse().stream()
                                      .filter(f -> !Flags.SYSTEM.contains(f))
                                      .toList())
                              .addAllPermanentFlags(PERMANENT_FLAGS)
                              .setFirstRecentUid((int) opened.firstRecentUid())
                              .setReadOnly(request.getReadOnly())
                              .build();
                      return Multi.createBy()
                          .concatenating()
                          .streams(
                              Multi.createFrom()
                                  .item(SelectReply.newBuilder().setMailbox(info).build()),
                              select
                                  .states(m.id(), request.getPageSize())
                                  .map(
                                      page ->
                                          SelectReply.newBuilder()
                                              .setPage(
                                                  MessageStates.newBuilder()
                                                      .addAllStates(
                                                          page.stream()
                                                              .map(ProtoMapping::state)
                                                              .toList()))
                                              .build()));
                    }));
  }

  @Override
  public Multi<FetchReply> fetch(FetchRequest request) {
    return fetchStream.stream(request);
  }

  @Override
  public Uni<AppendReply> append(Multi<AppendRequest> requests) {
    return appendIntake.receive(requests);
  }

  @Override
  public Uni<StoreFlagsReply> storeFlags(StoreFlagsRequest request) {
    return callers.unary(
        account ->
            flags
                .store(
                    account,
                    ProtoMapping.ref(request.getMailbox()),
                    ProtoMapping.uids(request.getUids()),
                    mode(request),
                    Flags.of(request.getFlagsList()),
                    request.getUnchangedSince())
                .map(
                    stored ->
                        StoreFlagsReply.newBuilder()
                            .addAllUpdated(
                                stored.updated().stream().map(ProtoMapping::state).toList())
                            .setModified(ProtoMapping.uids(stored.modified()))
                            .setHighestModseq(stored.highestModseq())
                            .build()));
  }

  private static FlagMode mode(StoreFlagsRequest request) {
    return switch (request.getMode()) {
      case FLAG_MODE_ADD -> FlagMode.ADD;
      case FLAG_MODE_REMOVE -> FlagMode.REMOVE;
      case FLAG_MODE_REPLACE -> FlagMode.REPLACE;
      default -> throw new StoreFailure(Reason.BAD_REQUEST, "flag mode missing");
    };
  }

  @Override
  public Uni<CopyReply> copy(CopyRequest request) {
    return callers.unary(
        account ->
            copy.copy(
                    account,
                    new CopyService.CopyOrder(
                        ProtoMapping.ref(request.getSource()),
                        ProtoMapping.uids(request.getUids()),
                        request.getTarget(),
                        request.getMove(),
                        request.getCreateTarget(),
                        Flags.of(request.getAddFlagsList())))
                .map(
                    c ->
                        CopyReply.newBuilder()
                            .setTargetMailboxId(c.target().id())
                            .setTargetUidValidity((int) c.target().uidValidity())
                            .addAllSourceUids(c.sourceUids().stream().map(Long::intValue).toList())
                            .addAllTargetUids(c.targetUids().stream().map(Long::intValue).toList())
                            .addAllExpungedUids(c.expunged().stream().map(Long::intValue).toList())
                            .setSourceHighestModseq(c.sourceHighestModseq())
                            .build()));
  }

  @Override
  public Uni<ExpungeReply> expunge(ExpungeRequest request) {
    return callers.unary(
        account -> {
          ExpungeMode mode =
              switch (request.getMode()) {
                case EXPUNGE_MODE_DELETED_IN_SET -> ExpungeMode.DELETED_IN_SET;
                case EXPUNGE_MODE_ALL_IN_SET -> ExpungeMode.ALL_IN_SET;
                default -> ExpungeMode.ALL_DELETED;
              };
          return expunge
              .expunge(
                  account,
                  ProtoMapping.ref(request.getMailbox()),
                  mode,
                  ProtoMapping.uids(request.getUids()))
              .map(
                  e ->
                      ExpungeReply.newBuilder()
                          .addAllExpungedUids(e.uids().stream().map(Long::intValue).toList())
                          .setHighestModseq(e.highestModseq())
                          .build());
        });
  }

  @Override
  public Uni<SearchReply> search(SearchRequest request) {
    return callers.unary(
        account ->
            search
                .search(
                    account,
                    ProtoMapping.ref(request.getMailbox()),
                    ProtoMapping.search(request.getKey(), 0))
                .map(
                    found ->
                        SearchReply.newBuilder()
                            .addAllUids(found.uids().stream().map(Long::intValue).toList())
                            .setHighestModseq(found.highestModseq())
                            .build()));
  }

  @Override
  public Uni<ChangesReply> changes(ChangesRequest request) {
    return callers.unary(
        account -> {
          MailboxRef asked = ProtoMapping.ref(request.getMailbox());
          return select
              .changes(account, new MailboxRef(asked.mailboxId(), 0), request.getSinceModseq())
              .map(
                  c -> {
                    var reply =
                        ChangesReply.newBuilder()
                            .setUidNext((int) c.mailbox().uidNext())
                            .setHighestModseq(c.mailbox().highestModseq())
                            .setMessages((int) c.messages());
                    if (asked.uidValidity() != 0
                        && asked.uidValidity() != c.mailbox().uidValidity()) {
                      return reply.setUidValidityChanged(true).build();
                    }
                    return reply
                        .addAllChanged(c.changed().stream().map(ProtoMapping::state).toList())
                        .addAllExpungedUids(c.expunged().stream().map(Long::intValue).toList())
                        .build();
                  });
        });
  }
}
