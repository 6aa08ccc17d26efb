package io.mailroom.imap.store;

import java.util.List;

/** A mailbox as SELECT/EXAMINE sees it, with every message's state in UID order. */
public record OpenedMailbox(
    MailboxRef ref,
    String name,
    long uidNext,
    long highestModseq,
    long unseen,
    long firstUnseenUid,
    List<String> flags,
    List<String> permanentFlags,
    long firstRecentUid,
    boolean readOnly,
    List<MessageState> messages) {
  public OpenedMailbox {
    flags = List.copyOf(flags);
    permanentFlags = List.copyOf(permanentFlags);
    messages = List.copyOf(messages);
  }
}
