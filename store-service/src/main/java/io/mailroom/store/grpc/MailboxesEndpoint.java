package io.mailroom.store.grpc;

import io.mailroom.store.api.v1.CreateMailboxReply;
import io.mailroom.store.api.v1.CreateMailboxRequest;
import io.mailroom.store.api.v1.DeleteMailboxReply;
import io.mailroom.store.api.v1.DeleteMailboxRequest;
import io.mailroom.store.api.v1.ListMailboxesReply;
import io.mailroom.store.api.v1.ListMailboxesRequest;
import io.mailroom.store.api.v1.MailboxEntry;
import io.mailroom.store.api.v1.MailboxStatus;
import io.mailroom.store.api.v1.Mailboxes;
import io.mailroom.store.api.v1.RenameMailboxReply;
import io.mailroom.store.api.v1.RenameMailboxRequest;
import io.mailroom.store.api.v1.StatusReply;
import io.mailroom.store.api.v1.StatusRequest;
import io.mailroom.store.api.v1.SubscribeReply;
import io.mailroom.store.api.v1.SubscribeRequest;
import io.mailroom.store.mailbox.MailboxDeletion;
import io.mailroom.store.mailbox.MailboxName;
import io.mailroom.store.mailbox.MailboxRename;
import io.mailroom.store.mailbox.MailboxService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/** The Mailboxes service: proto in, MailboxService / MailboxDeletion / MailboxRename, proto out. */
@GrpcService
public class MailboxesEndpoint implements Mailboxes {
  private final Callers callers;
  private final MailboxService mailboxes;
  private final MailboxDeletion deletion;
  private final MailboxRename rename;

  MailboxesEndpoint(
      Callers callers, MailboxService mailboxes, MailboxDeletion deletion, MailboxRename rename) {
    this.callers = callers;
    this.mailboxes = mailboxes;
    this.deletion = deletion;
    this.rename = rename;
  }

  @Override
  public Uni<ListMailboxesReply> list(ListMailboxesRequest request) {
    return callers.unary(
        account ->
            mailboxes
                .list(
                    account,
                    request.getReference(),
                    request.getPattern(),
                    request.getSubscribedOnly())
                .map(
                    listed -> {
                      var reply =
                          ListMailboxesReply.newBuilder().setDelimiter(MailboxName.DELIMITER);
                      for (var l : listed) {
                        reply.addMailboxes(
                            MailboxEntry.newBuilder()
                                .setName(l.mailbox().name())
                                .setMailboxId(l.mailbox().id())
                                .addAllAttributes(l.attributes()));
                      }
                      return reply.build();
                    }));
  }

  @Override
  public Uni<CreateMailboxReply> create(CreateMailboxRequest request) {
    return callers.unary(
        account ->
            mailboxes
                .create(account, request.getName(), request.getSpecialUse())
                .map(
                    m ->
                        CreateMailboxReply.newBuilder()
                            .setMailboxId(m.id())
                            .setUidValidity((int) m.uidValidity())
                            .build()));
  }

  @Override
  public Uni<DeleteMailboxReply> delete(DeleteMailboxRequest request) {
    return callers.unary(
        account ->
            deletion
                .delete(account, request.getName())
                .replaceWith(DeleteMailboxReply.getDefaultInstance()));
  }

  @Override
  public Uni<RenameMailboxReply> rename(RenameMailboxRequest request) {
    return callers.unary(
        account ->
            rename
                .rename(account, request.getFrom(), request.getTo())
                .replaceWith(RenameMailboxReply.getDefaultInstance()));
  }

  @Override
  public Uni<SubscribeReply> subscribe(SubscribeRequest request) {
    return callers.unary(
        account ->
            mailboxes
                .subscribe(account, request.getName(), request.getSubscribe())
                .replaceWith(SubscribeReply.getDefaultInstance()));
  }

  @Override
  public Uni<StatusReply> status(StatusRequest request) {
    return callers.unary(
        account ->
            mailboxes
                .status(account, request.getNamesList())
                .map(
                    statuses -> {
                      var reply = StatusReply.newBuilder();
                      for (var s : statuses) {
                        reply.addStatuses(
                            MailboxStatus.newBuilder()
                                .setName(s.mailbox().name())
                                .setMailboxId(s.mailbox().id())
                                .setMessages((int) s.counts().messages())
                                .setRecent((int) s.counts().recent())
                                .setUidNext((int) s.mailbox().uidNext())
                                .setUidValidity((int) s.mailbox().uidValidity())
                                .setUnseen((int) s.counts().unseen())
                                .setHighestModseq(s.mailbox().highestModseq())
                                .setSize(s.counts().size()));
                      }
                      return reply.build();
                    }));
  }
}
