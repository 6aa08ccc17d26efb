package io.mailroom.store.events;

import java.util.List;

/**
 * A change to an account's mail, as the domain services report it in the transaction that makes it;
 * {@link MailEvents} alone turns it into the contract's MailEvent. The records mirror
 * events.proto's.
 */
public sealed interface MailChange {

  /** The mailbox a change happened in, as consumers address it. */
  record Pointer(long mailboxId, String name, long uidValidity, String specialUse) {}

  /** Mail that arrived from outside (LMTP, gRPC Deliver, admin REST): runs incoming filters. */
  record MessageDelivered(
      Pointer mailbox, long uid, long modseq, String emailId, String mailFrom, String recipient)
      implements MailChange {}

  /** Mail a client put into a mailbox: APPEND, or the target of COPY or MOVE. */
  record MessageAppended(
      Pointer mailbox, List<Long> uids, long modseq, List<String> emailIds, Source source)
      implements MailChange {
    /** How the messages came. */
    public enum Source {
      APPEND,
      COPY,
      MOVE
    }

    public MessageAppended {
      uids = List.copyOf(uids);
      emailIds = List.copyOf(emailIds);
    }
  }

  record FlagsChanged(Pointer mailbox, List<Long> uids, long modseq) implements MailChange {
    public FlagsChanged {
      uids = List.copyOf(uids);
    }
  }

  record MessagesExpunged(Pointer mailbox, List<Long> uids, long modseq) implements MailChange {
    public MessagesExpunged {
      uids = List.copyOf(uids);
    }
  }

  record MailboxCreated(Pointer mailbox) implements MailChange {}

  record MailboxDeleted(Pointer mailbox) implements MailChange {}

  /** The pointer carries the new name. */
  record MailboxRenamed(Pointer mailbox, String oldName) implements MailChange {}
}
