package io.mailroom.store.client.mailbox;

import java.util.List;

/**
 * A mailbox as SELECT or EXAMINE opened it, with every message's state in UID order. Messages with
 * a UID of at least {@code firstRecentUid} are \Recent for this session; {@code firstUnseenUid} 0
 * means none.
 */
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
