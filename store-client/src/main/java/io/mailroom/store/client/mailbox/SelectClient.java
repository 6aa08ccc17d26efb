package io.mailroom.store.client.mailbox;

import static io.mailroom.store.client.StoreCalls.as;
import static io.mailroom.store.client.mailbox.MailboxMapping.unsigned;

import io.mailroom.store.api.v1.ChangesRequest;
import io.mailroom.store.api.v1.MailboxInfo;
import io.mailroom.store.api.v1.MutinyMessagesGrpc.MutinyMessagesStub;
import io.mailroom.store.api.v1.SelectReply;
import io.mailroom.store.api.v1.SelectRequest;
import io.mailroom.store.client.StoreCalls;
import io.mailroom.store.client.StoreFailure;
import io.mailroom.store.client.StoreStubs;
import io.mailroom.store.client.auth.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** Opening a mailbox (SELECT, EXAMINE) and asking what changed in it since a MODSEQ. */
@ApplicationScoped
public class SelectClient {
  private final StoreCalls calls;
  private final MutinyMessagesStub messages;

  @Inject
  public SelectClient(StoreCalls calls, StoreStubs stubs) {
    this.calls = calls;
    this.messages = stubs.messages();
  }

  /**
   * Opens {@code name} with every message's state; {@code readOnly} is EXAMINE, which claims no
   * \Recent. The store's pages are collected into one answer.
   */
  public Uni<OpenedMailbox> select(Caller caller, String name, boolean readOnly) {
    var request = SelectRequest.newBuilder().setName(name).setReadOnly(readOnly).build();
    return calls
        // A read-write SELECT claims \Recent: made twice, the second would see none.
        .unary(
            "select",
            as(caller, messages),
            stub -> stub.select(request).collect().asList(),
            readOnly)
        .map(SelectClient::opened);
  }

  private static OpenedMailbox opened(List<SelectReply> replies) {
    MailboxInfo info = null;
    var states = new ArrayList<MessageState>();
    for (var reply : replies) {
      if (reply.hasMailbox()) {
        info = reply.getMailbox();
      } else if (reply.hasPage()) {
        reply.getPage().getStatesList().forEach(s -> states.add(MailboxMapping.state(s)));
      }
    }
    if (info == null) {
      throw new StoreFailure(StoreFailure.Reason.UNKNOWN, "Select returned no mailbox");
    }
    return new OpenedMailbox(
        new MailboxRef(info.getMailboxId(), Integer.toUnsignedLong(info.getUidValidity())),
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
  }

  public Uni<Changes> changes(Caller caller, MailboxRef mailbox, long sinceModseq) {
    var request =
        ChangesRequest.newBuilder()
            .setMailbox(MailboxMapping.toProto(mailbox))
            .setSinceModseq(sinceModseq)
            .build();
    return calls
        .idempotent("changes", as(caller, messages), stub -> stub.changes(request))
        .map(
            r ->
                new Changes(
                    Integer.toUnsignedLong(r.getUidNext()),
                    r.getHighestModseq(),
                    r.getChangedList().stream().map(MailboxMapping::state).toList(),
                    unsigned(r.getExpungedUidsList()),
                    r.getUidValidityChanged(),
                    Integer.toUnsignedLong(r.getMessages())));
  }
}
