package io.mailroom.store.client.mailbox;

import static io.mailroom.store.client.StoreCalls.as;

import io.mailroom.store.api.v1.CreateMailboxRequest;
import io.mailroom.store.api.v1.DeleteMailboxRequest;
import io.mailroom.store.api.v1.ListMailboxesRequest;
import io.mailroom.store.api.v1.MutinyMailboxesGrpc.MutinyMailboxesStub;
import io.mailroom.store.api.v1.RenameMailboxRequest;
import io.mailroom.store.api.v1.StatusRequest;
import io.mailroom.store.api.v1.SubscribeRequest;
import io.mailroom.store.client.StoreCalls;
import io.mailroom.store.client.StoreStubs;
import io.mailroom.store.client.auth.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * An account's mailboxes (the store's Mailboxes service): list, create, delete, rename, subscribe
 * and status. Names are UTF-8 with "/" as delimiter; "INBOX" is case-insensitive.
 */
@ApplicationScoped
public class MailboxClient {
  private final StoreCalls calls;
  private final MutinyMailboxesStub mailboxes;

  @Inject
  public MailboxClient(StoreCalls calls, StoreStubs stubs) {
    this.calls = calls;
    this.mailboxes = stubs.mailboxes();
  }

  /** IMAP LIST semantics: {@code reference} + {@code pattern} with "*" and "%". */
  public Uni<MailboxList> list(
      Caller caller, String reference, String pattern, boolean subscribedOnly) {
    var request =
        ListMailboxesRequest.newBuilder()
            .setReference(reference)
            .setPattern(pattern)
            .setSubscribedOnly(subscribedOnly)
            .build();
    return calls
        .idempotent("list", as(caller, mailboxes), stub -> stub.list(request))
        .map(
            reply ->
                new MailboxList(
                    reply.getDelimiter().isEmpty() ? "/" : reply.getDelimiter(),
                    reply.getMailboxesList().stream()
                        .map(
                            e ->
                                new MailboxList.Entry(
                                    e.getName(), e.getAttributesList(), e.getMailboxId()))
                        .toList()));
  }

  /** Creates the mailbox, and its parents as needed; {@code specialUse} e.g. "\\Archive". */
  public Uni<MailboxRef> create(Caller caller, String name, Optional<String> specialUse) {
    var request =
        CreateMailboxRequest.newBuilder()
            .setName(name)
            .setSpecialUse(specialUse.orElse(""))
            .build();
    return calls
        .unary("create", as(caller, mailboxes), stub -> stub.create(request))
        .map(r -> new MailboxRef(r.getMailboxId(), Integer.toUnsignedLong(r.getUidValidity())));
  }

  public Uni<Void> delete(Caller caller, String name) {
    var request = DeleteMailboxRequest.newBuilder().setName(name).build();
    return calls
        .unary("delete", as(caller, mailboxes), stub -> stub.delete(request))
        .replaceWithVoid();
  }

  /** Renaming INBOX moves its messages to a new mailbox and leaves INBOX empty. */
  public Uni<Void> rename(Caller caller, String from, String to) {
    var request = RenameMailboxRequest.newBuilder().setFrom(from).setTo(to).build();
    return calls
        .unary("rename", as(caller, mailboxes), stub -> stub.rename(request))
        .replaceWithVoid();
  }

  /** Subscribes, or with {@code subscribe} false unsubscribes. */
  public Uni<Void> subscribe(Caller caller, String name, boolean subscribe) {
    var request = SubscribeRequest.newBuilder().setName(name).setSubscribe(subscribe).build();
    return calls
        .unary("subscribe", as(caller, mailboxes), stub -> stub.subscribe(request))
        .replaceWithVoid();
  }

  public Uni<List<MailboxStatus>> status(Caller caller, List<String> names) {
    var request = StatusRequest.newBuilder().addAllNames(names).build();
    return calls
        .idempotent("status", as(caller, mailboxes), stub -> stub.status(request))
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
