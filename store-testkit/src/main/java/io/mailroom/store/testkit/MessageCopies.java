package io.mailroom.store.testkit;

import io.mailroom.store.api.v1.CopyReply;
import io.mailroom.store.api.v1.CopyRequest;
import io.mailroom.store.api.v1.ErrorCode;
import java.util.List;

/**
 * COPY and MOVE as the real store's CopyService: the copies take a block of the target's UIDs and
 * one MODSEQ, keep their flags (plus any added) and internal date; MOVE then expunges the sources.
 * A missing target is TRYCREATE, unless the caller asked to create it (Sieve fileinto :create). A
 * COPY over the account's quota is OVERQUOTA; a MOVE is never refused for room.
 */
final class MessageCopies {
  private MessageCopies() {}

  /** Under the store's lock. */
  static CopyReply copy(InMemoryStore store, String account, Mailbox source, CopyRequest request) {
    String name = MailboxNames.valid(request.getTarget());
    var boxes = store.mailboxesOf(account);
    Mailbox target = boxes.get(name);
    if (target != null && !target.selectable) {
      throw StoreErrors.refusal(ErrorCode.NOSELECT, "target mailbox is \\Noselect");
    }
    if (target == null && !request.getCreateTarget()) {
      throw StoreErrors.refusal(ErrorCode.TRYCREATE, "target mailbox does not exist");
    }
    List<StoredMessage> sources = source.in(request.getUids());
    if (!request.getMove() && !sources.isEmpty()) {
      // a MOVE frees what it takes; a COPY is new mail to the quota (the real StorageQuota), and
      // its refusal rolls back a target it would have made
      store.admit(account, sources.stream().mapToLong(m -> m.sharedBytes().length).sum());
    }
    if (target == null) {
      store.createParents(boxes, name);
      target = store.newMailbox(name, null, false);
      boxes.put(name, target);
    }
    var reply =
        CopyReply.newBuilder()
            .setTargetMailboxId(target.id)
            .setTargetUidValidity((int) target.uidValidity);
    if (sources.isEmpty()) {
      return reply.setSourceHighestModseq(source.highestModseq).build();
    }
    long[] a = target.allocate(sources.size());
    for (int i = 0; i < sources.size(); i++) {
      StoredMessage copy = sources.get(i).copyAs(a[0] + i, request.getAddFlagsList(), a[1]);
      target.add(copy);
      reply.addSourceUids((int) sources.get(i).uid()).addTargetUids((int) copy.uid());
    }
    if (request.getMove()) {
      source.expunge(sources).forEach(uid -> reply.addExpungedUids(uid.intValue()));
    }
    return reply.setSourceHighestModseq(source.highestModseq).build();
  }
}
