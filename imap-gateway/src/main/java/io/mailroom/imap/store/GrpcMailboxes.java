package io.mailroom.imap.store;

import static io.mailroom.imap.store.StoreCalls.as;

import io.mailroom.store.api.v1.CreateMailboxRequest;
import io.mailroom.store.api.v1.DeleteMailboxRequest;
import io.mailroom.store.api.v1.ListMailboxesRequest;
import io.mailroom.store.api.v1.RenameMailboxRequest;
import io.mailroom.store.api.v1.StatusRequest;
import io.mailroom.store.api.v1.SubscribeRequest;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * LIST/LSUB, CREATE, DELETE, RENAME, (UN)SUBSCRIBE and STATUS over the store's Mailboxes service.
 */
@ApplicationScoped
class GrpcMailboxes {
  @GrpcClient("store")
  io.mailroom.store.api.v1.Mailboxes mailboxes;

  @Inject StoreCalls calls;

  Uni<Mailboxes> list(
      AccountSession session, String reference, String pattern, boolean subscribedOnly) {
    var request =
        ListMailboxesRequest.newBuilder()
            .setReference(reference)
            .setPattern(pattern)
            .setSubscribedOnly(subscribedOnly)
            .build();
    return calls
        .timed("list", as(session, mailboxes).list(request))
        .map(
            reply ->
                new Mailboxes(
                    reply.getDelimiter().isEmpty() ? "/" : reply.getDelimiter(),
                    reply.getMailboxesList().stream()
                        .map(e -> new Mailboxes.Entry(e.getName(), e.getAttributesList()))
                        .toList()));
  }

  Uni<Void> create(AccountSession session, String name, Optional<String> specialUse) {
    var request =
        CreateMailboxRequest.newBuilder().setName(name).setSpecialUse(specialUse.orElse(""));
    return calls.timed("create", as(session, mailboxes).create(request.build())).replaceWithVoid();
  }

  Uni<Void> delete(AccountSession session, String name) {
    return calls
        .timed(
            "delete",
            as(session, mailboxes).delete(DeleteMailboxRequest.newBuilder().setName(name).build()))
        .replaceWithVoid();
  }

  Uni<Void> rename(AccountSession session, String from, String to) {
    return calls
        .timed(
            "rename",
            as(session, mailboxes)
                .rename(RenameMailboxRequest.newBuilder().setFrom(from).setTo(to).build()))
        .replaceWithVoid();
  }

  Uni<Void> subscribe(AccountSession session, String name, boolean subscribe) {
    return calls
        .timed(
            "subscribe",
            as(session, mailboxes)
                .subscribe(
                    SubscribeRequest.newBuilder().setName(name).setSubscribe(subscribe).build()))
        .replaceWithVoid();
  }

  Uni<List<MailboxStatus>> status(AccountSession session, List<String> names) {
    return calls
        .timed(
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
}
