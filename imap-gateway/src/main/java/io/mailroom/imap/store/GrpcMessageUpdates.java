package io.mailroom.imap.store;

import static io.mailroom.imap.store.ProtoMapping.ref;
import static io.mailroom.imap.store.ProtoMapping.uidSet;
import static io.mailroom.imap.store.ProtoMapping.unsigned;
import static io.mailroom.imap.store.StoreCalls.as;

import io.mailroom.imap.store.MailStore.FlagChange;
import io.mailroom.store.api.v1.CopyRequest;
import io.mailroom.store.api.v1.ExpungeMode;
import io.mailroom.store.api.v1.ExpungeRequest;
import io.mailroom.store.api.v1.FlagMode;
import io.mailroom.store.api.v1.Messages;
import io.mailroom.store.api.v1.StoreFlagsRequest;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** STORE, COPY/MOVE and EXPUNGE over the store's Messages service. */
@ApplicationScoped
class GrpcMessageUpdates {
  @GrpcClient("store")
  Messages messages;

  @Inject StoreCalls calls;

  Uni<FlagsStored> storeFlags(
      AccountSession session,
      MailboxRef mailbox,
      UidSet uids,
      FlagChange change,
      List<String> flags,
      long unchangedSince) {
    var mode =
        switch (change) {
          case ADD -> FlagMode.FLAG_MODE_ADD;
          case REMOVE -> FlagMode.FLAG_MODE_REMOVE;
          case REPLACE -> FlagMode.FLAG_MODE_REPLACE;
        };
    var request =
        StoreFlagsRequest.newBuilder()
            .setMailbox(ref(mailbox))
            .setUids(uidSet(uids))
            .setMode(mode)
            .addAllFlags(flags)
            .setUnchangedSince(unchangedSince)
            .build();
    return calls
        .timed("store-flags", as(session, messages).storeFlags(request))
        .map(
            r ->
                new FlagsStored(
                    r.getUpdatedList().stream().map(ProtoMapping::state).toList(),
                    ProtoMapping.uids(r.getModified()),
                    r.getHighestModseq()));
  }

  Uni<Copied> copy(
      AccountSession session, MailboxRef mailbox, UidSet uids, String target, boolean move) {
    var request =
        CopyRequest.newBuilder()
            .setSource(ref(mailbox))
            .setUids(uidSet(uids))
            .setTarget(target)
            .setMove(move)
            .build();
    return calls
        .timed(move ? "move" : "copy", as(session, messages).copy(request))
        .map(
            r ->
                new Copied(
                    r.getTargetMailboxId(),
                    Integer.toUnsignedLong(r.getTargetUidValidity()),
                    unsigned(r.getSourceUidsList()),
                    unsigned(r.getTargetUidsList()),
                    unsigned(r.getExpungedUidsList())));
  }

  Uni<List<Long>> expunge(AccountSession session, MailboxRef mailbox, Optional<UidSet> uids) {
    var request = ExpungeRequest.newBuilder().setMailbox(ref(mailbox));
    if (uids.isPresent()) {
      request.setMode(ExpungeMode.EXPUNGE_MODE_DELETED_IN_SET).setUids(uidSet(uids.get()));
    } else {
      request.setMode(ExpungeMode.EXPUNGE_MODE_ALL_DELETED);
    }
    return calls
        .timed("expunge", as(session, messages).expunge(request.build()))
        .map(r -> unsigned(r.getExpungedUidsList()));
  }
}
