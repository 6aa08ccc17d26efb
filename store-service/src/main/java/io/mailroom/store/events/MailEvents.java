package io.mailroom.store.events;

import io.mailroom.store.api.v1.FlagsChanged;
import io.mailroom.store.api.v1.MailEvent;
import io.mailroom.store.api.v1.MailboxCreated;
import io.mailroom.store.api.v1.MailboxDeleted;
import io.mailroom.store.api.v1.MailboxPointer;
import io.mailroom.store.api.v1.MailboxRenamed;
import io.mailroom.store.api.v1.MessageAppended;
import io.mailroom.store.api.v1.MessageDelivered;
import io.mailroom.store.api.v1.MessagesExpunged;
import java.util.List;
import java.util.Locale;

/** The one mapping of a {@link MailChange} to the contract's MailEvent (events.proto). */
final class MailEvents {
  private MailEvents() {}

  /** The event's body; the caller adds the envelope (event id, account, time). */
  static MailEvent.Builder of(MailChange change) {
    MailEvent.Builder event = MailEvent.newBuilder();
    // Java 17 has no switch over a sealed type; the chain lists every permitted record.
    if (change instanceof MailChange.MessageDelivered d) {
      return event.setMessageDelivered(
          MessageDelivered.newBuilder()
              .setMailbox(pointer(d.mailbox()))
              .setUid((int) d.uid())
              .setModseq(d.modseq())
              .setEmailId(d.emailId())
              .setMailFrom(d.mailFrom())
              .setRecipient(d.recipient()));
    }
    if (change instanceof MailChange.MessageAppended a) {
      return event.setMessageAppended(
          MessageAppended.newBuilder()
              .setMailbox(pointer(a.mailbox()))
              .addAllUids(ints(a.uids()))
              .setModseq(a.modseq())
              .addAllEmailIds(a.emailIds())
              .setSource(a.source().name().toLowerCase(Locale.ROOT)));
    }
    if (change instanceof MailChange.FlagsChanged f) {
      return event.setFlagsChanged(
          FlagsChanged.newBuilder()
              .setMailbox(pointer(f.mailbox()))
              .addAllUids(ints(f.uids()))
              .setModseq(f.modseq()));
    }
    if (change instanceof MailChange.MessagesExpunged e) {
      return event.setMessagesExpunged(
          MessagesExpunged.newBuilder()
              .setMailbox(pointer(e.mailbox()))
              .addAllUids(ints(e.uids()))
              .setModseq(e.modseq()));
    }
    if (change instanceof MailChange.MailboxCreated c) {
      return event.setMailboxCreated(MailboxCreated.newBuilder().setMailbox(pointer(c.mailbox())));
    }
    if (change instanceof MailChange.MailboxDeleted d) {
      return event.setMailboxDeleted(MailboxDeleted.newBuilder().setMailbox(pointer(d.mailbox())));
    }
    MailChange.MailboxRenamed r = (MailChange.MailboxRenamed) change;
    return event.setMailboxRenamed(
        MailboxRenamed.newBuilder().setOldName(r.oldName()).setMailbox(pointer(r.mailbox())));
  }

  static MailboxPointer pointer(MailChange.Pointer mailbox) {
    return MailboxPointer.newBuilder()
        .setMailboxId(mailbox.mailboxId())
        .setName(mailbox.name())
        .setUidValidity((int) mailbox.uidValidity())
        .setSpecialUse(mailbox.specialUse() == null ? "" : mailbox.specialUse())
        .build();
  }

  /** UIDs are uint32 on the wire. */
  private static List<Integer> ints(List<Long> uids) {
    return uids.stream().map(Long::intValue).toList();
  }
}
