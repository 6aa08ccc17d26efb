package io.mailroom.filter.fake;

import io.mailroom.store.api.v1.ListMailboxesReply;
import io.mailroom.store.api.v1.ListMailboxesRequest;
import io.mailroom.store.api.v1.MailboxEntry;
import io.mailroom.store.api.v1.MutinyMailboxesGrpc;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/** Mailboxes.List over {@link FakeMailStore} (pattern "*" only, which is all the filter asks). */
@GrpcService
public class FakeMailboxes extends MutinyMailboxesGrpc.MailboxesImplBase {
  private final FakeMailStore store;

  FakeMailboxes(FakeMailStore store) {
    this.store = store;
  }

  @Override
  public Uni<ListMailboxesReply> list(ListMailboxesRequest request) {
    var account = StoreCredentials.account();
    return Uni.createFrom()
        .item(
            () -> {
              store.checkAvailable(account);
              var reply = ListMailboxesReply.newBuilder().setDelimiter("/");
              for (var box : store.mailboxes(account)) {
                var entry = MailboxEntry.newBuilder().setName(box.name).setMailboxId(box.id);
                if (!box.specialUse.isEmpty()) {
                  entry.addAttributes(box.specialUse);
                }
                reply.addMailboxes(entry);
              }
              return reply.build();
            });
  }
}
