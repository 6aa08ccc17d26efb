package io.mailroom.imap.store;

import static io.mailroom.imap.store.ProtoMapping.ref;
import static io.mailroom.imap.store.ProtoMapping.unsigned;
import static io.mailroom.imap.store.StoreCalls.as;

import io.mailroom.store.api.v1.ChangesRequest;
import io.mailroom.store.api.v1.MailboxInfo;
import io.mailroom.store.api.v1.Messages;
import io.mailroom.store.api.v1.SelectRequest;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** SELECT/EXAMINE, and what changed in the selected mailbox since a MODSEQ (Messages service). */
@ApplicationScoped
class GrpcSelection {
  @GrpcClient("store")
  Messages messages;

  @Inject StoreCalls calls;

  Uni<OpenedMailbox> select(AccountSession session, String name, boolean readOnly) {
    var request = SelectRequest.newBuilder().setName(name).setReadOnly(readOnly).build();
    Uni<List<io.mailroom.store.api.v1.SelectReply>> replies =
        as(session, messages).select(request).collect().asList();
    return calls
        .timed("select", replies)
        .map(
            list -> {
              MailboxInfo info = null;
              var states = new ArrayList<MessageState>();
              for (var reply : list) {
                if (reply.hasMailbox()) {
                  info = reply.getMailbox();
                } else if (reply.hasPage()) {
                  reply.getPage().getStatesList().forEach(s -> states.add(ProtoMapping.state(s)));
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

  Uni<Changes> changes(AccountSession session, MailboxRef mailbox, long sinceModseq) {
    var request =
        ChangesRequest.newBuilder().setMailbox(ref(mailbox)).setSinceModseq(sinceModseq).build();
    return calls
        .timed("changes", as(session, messages).changes(request))
        .map(
            r ->
                new Changes(
                    Integer.toUnsignedLong(r.getUidNext()),
                    r.getHighestModseq(),
                    r.getChangedList().stream().map(ProtoMapping::state).toList(),
                    unsigned(r.getExpungedUidsList()),
                    r.getUidValidityChanged(),
                    Integer.toUnsignedLong(r.getMessages())));
  }
}
