package io.mailroom.store.client.events;

import java.util.List;

/**
 * What changed in one mailbox of an account: the body of a {@link MailEvent}. An event is a hint;
 * whoever needs the truth asks the store. UIDs are unsigned 32-bit values held in a long.
 */
public sealed interface MailChange {

  MailboxPointer mailbox();

  /** Mail that arrived from outside (LMTP, admin REST): incoming filters run on it. */
  record MessageDelivered(
      MailboxPointer mailbox,
      long uid,
      long modSeq,
      String emailId,
      String mailFrom,
      String recipient)
      implements MailChange {}

  /** Mail a client put into a mailbox. */
  record MessageAppended(
      MailboxPointer mailbox, List<Long> uids, long modSeq, List<String> emailIds, Source source)
      implements MailChange {
    public MessageAppended {
      uids = List.copyOf(uids);
      emailIds = List.copyOf(emailIds);
    }
  }

  /** How appended mail got there: only an APPEND into \Sent is mail being sent. */
  enum Source {
    APPEND,
    COPY,
    MOVE,
    /** A source this build does not know: treated as none of the above. */
    OTHER
  }

  record FlagsChanged(MailboxPointer mailbox, List<Long> uids, long modSeq) implements MailChange {
    public FlagsChanged {
      uids = List.copyOf(uids);
    }
  }

  record MessagesExpunged(MailboxPointer mailbox, List<Long> uids, long modSeq)
      implements MailChange {
    public MessagesExpunged {
      uids = List.copyOf(uids);
    }
  }

  record MailboxCreated(MailboxPointer mailbox) implements MailChange {}

  record MailboxDeleted(MailboxPointer mailbox) implements MailChange {}

  record MailboxRenamed(MailboxPointer mailbox, String oldName) implements MailChange {}
}
