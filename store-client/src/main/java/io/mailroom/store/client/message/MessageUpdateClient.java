package io.mailroom.store.client.message;

import static io.mailroom.store.client.StoreCalls.as;
import static io.mailroom.store.client.mailbox.MailboxMapping.unsigned;

import io.mailroom.store.api.v1.CopyRequest;
import io.mailroom.store.api.v1.ExpungeMode;
import io.mailroom.store.api.v1.ExpungeRequest;
import io.mailroom.store.api.v1.FlagMode;
import io.mailroom.store.api.v1.MutinyMessagesGrpc.MutinyMessagesStub;
import io.mailroom.store.api.v1.StoreFlagsRequest;
import io.mailroom.store.client.StoreCalls;
import io.mailroom.store.client.StoreStubs;
import io.mailroom.store.client.auth.Caller;
import io.mailroom.store.client.mailbox.MailboxMapping;
import io.mailroom.store.client.mailbox.MailboxRef;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** Changing messages: their flags, copies and moves, and removing them (expunge). */
@ApplicationScoped
public class MessageUpdateClient {
  private final StoreCalls calls;
  private final MutinyMessagesStub messages;

  @Inject
  public MessageUpdateClient(StoreCalls calls, StoreStubs stubs) {
    this.calls = calls;
    this.messages = stubs.messages();
  }

  public Uni<FlagsStored> storeFlags(
      Caller caller, MailboxRef mailbox, UidSet uids, FlagUpdate update) {
    var mode =
        switch (update.change()) {
          case ADD -> FlagMode.FLAG_MODE_ADD;
          case REMOVE -> FlagMode.FLAG_MODE_REMOVE;
          case REPLACE -> FlagMode.FLAG_MODE_REPLACE;
        };
    var request =
        StoreFlagsRequest.newBuilder()
            .setMailbox(MailboxMapping.toProto(mailbox))
            .setUids(MessageMapping.toProto(uids))
            .setMode(mode)
            .addAllFlags(update.flags())
            .setUnchangedSince(update.unchangedSince())
            .setIdempotencyKey(update.idempotencyKey().orElse(""))
            .build();
    return calls
        .unary(
            "store-flags",
            as(caller, messages),
            stub -> stub.storeFlags(request),
            // Setting flags twice sets them once; with UNCHANGEDSINCE the second would say
            // MODIFIED.
            update.unchangedSince() == 0)
        .map(
            r ->
                new FlagsStored(
                    r.getUpdatedList().stream().map(MailboxMapping::state).toList(),
                    MessageMapping.uids(r.getModified()),
                    r.getHighestModseq()));
  }

  /** COPY or MOVE of {@code uids}; COPYUID's two lists come back in the same order. */
  public Uni<Copied> copy(Caller caller, MailboxRef source, UidSet uids, CopySpec spec) {
    var request =
        CopyRequest.newBuilder()
            .setSource(MailboxMapping.toProto(source))
            .setUids(MessageMapping.toProto(uids))
            .setTarget(spec.target())
            .setMove(spec.move())
            .setCreateTarget(spec.createTarget())
            .addAllAddFlags(spec.addFlags())
            .setIdempotencyKey(spec.idempotencyKey().orElse(""))
            .build();
    return calls
        // Never retried: the store does not dedupe Copy by its key, so a retry after a lost reply
        // would file the message twice.
        .unary(spec.move() ? "move" : "copy", as(caller, messages), stub -> stub.copy(request))
        .map(
            r ->
                new Copied(
                    r.getTargetMailboxId(),
                    Integer.toUnsignedLong(r.getTargetUidValidity()),
                    unsigned(r.getSourceUidsList()),
                    unsigned(r.getTargetUidsList()),
                    unsigned(r.getExpungedUidsList())));
  }

  /**
   * IMAP EXPUNGE: removes the messages flagged \Deleted, all of them or only those {@code within}
   * (UID EXPUNGE). Answers the UIDs removed.
   */
  public Uni<List<Long>> expungeDeleted(
      Caller caller, MailboxRef mailbox, Optional<UidSet> within) {
    var request = ExpungeRequest.newBuilder().setMailbox(MailboxMapping.toProto(mailbox));
    if (within.isPresent()) {
      request
          .setMode(ExpungeMode.EXPUNGE_MODE_DELETED_IN_SET)
          .setUids(MessageMapping.toProto(within.get()));
    } else {
      request.setMode(ExpungeMode.EXPUNGE_MODE_ALL_DELETED);
    }
    // Not retried: a second EXPUNGE would not answer the UIDs the first one removed.
    return expunge(request.build(), caller, false);
  }

  /**
   * Removes exactly {@code uids}, whatever their flags (POP3's UPDATE state, Sieve discard).
   * Answers the UIDs removed. Made twice it removes them once (UIDs are never reused), so a
   * transient failure is retried.
   */
  public Uni<List<Long>> remove(
      Caller caller, MailboxRef mailbox, UidSet uids, String idempotencyKey) {
    return expunge(
        ExpungeRequest.newBuilder()
            .setMailbox(MailboxMapping.toProto(mailbox))
            .setMode(ExpungeMode.EXPUNGE_MODE_ALL_IN_SET)
            .setUids(MessageMapping.toProto(uids))
            .setIdempotencyKey(idempotencyKey)
            .build(),
        caller,
        true);
  }

  private Uni<List<Long>> expunge(ExpungeRequest request, Caller caller, boolean repeatable) {
    return calls
        .unary("expunge", as(caller, messages), stub -> stub.expunge(request), repeatable)
        .map(r -> unsigned(r.getExpungedUidsList()));
  }
}
