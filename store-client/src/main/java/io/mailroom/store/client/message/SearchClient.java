package io.mailroom.store.client.message;

import static io.mailroom.store.client.StoreCalls.as;
import static io.mailroom.store.client.mailbox.MailboxMapping.unsigned;

import io.mailroom.store.api.v1.MutinyMessagesGrpc.MutinyMessagesStub;
import io.mailroom.store.api.v1.SearchRequest;
import io.mailroom.store.client.StoreCalls;
import io.mailroom.store.client.StoreStubs;
import io.mailroom.store.client.auth.Caller;
import io.mailroom.store.client.mailbox.MailboxMapping;
import io.mailroom.store.client.mailbox.MailboxRef;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Searching a mailbox; the {@link Query} is the store's, sequence numbers already UIDs. */
@ApplicationScoped
public class SearchClient {
  private final StoreCalls calls;
  private final MutinyMessagesStub messages;

  @Inject
  public SearchClient(StoreCalls calls, StoreStubs stubs) {
    this.calls = calls;
    this.messages = stubs.messages();
  }

  public Uni<Found> search(Caller caller, MailboxRef mailbox, Query query) {
    var request =
        SearchRequest.newBuilder()
            .setMailbox(MailboxMapping.toProto(mailbox))
            .setKey(QueryMapping.toProto(query))
            .build();
    return calls
        .idempotent("search", as(caller, messages), stub -> stub.search(request))
        .map(r -> new Found(unsigned(r.getUidsList()), r.getHighestModseq()));
  }
}
