package io.mailroom.imap.store;

import static io.mailroom.imap.store.ProtoMapping.ref;
import static io.mailroom.imap.store.ProtoMapping.unsigned;
import static io.mailroom.imap.store.StoreCalls.as;

import io.mailroom.store.api.v1.Messages;
import io.mailroom.store.api.v1.SearchRequest;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** SEARCH over the store's Messages service; the query itself is mapped by {@link QueryMapping}. */
@ApplicationScoped
class GrpcSearch {
  @GrpcClient("store")
  Messages messages;

  @Inject StoreCalls calls;

  Uni<Found> search(AccountSession session, MailboxRef mailbox, Query query) {
    var request =
        SearchRequest.newBuilder().setMailbox(ref(mailbox)).setKey(QueryMapping.toProto(query));
    return calls
        .timed("search", as(session, messages).search(request.build()))
        .map(r -> new Found(unsigned(r.getUidsList()), r.getHighestModseq()));
  }
}
