package io.mailroom.store.testkit;

import io.mailroom.store.api.v1.ChangesReply;
import io.mailroom.store.api.v1.MailboxInfo;
import io.mailroom.store.api.v1.MessageState;
import io.mailroom.store.api.v1.MessageStates;
import io.mailroom.store.api.v1.SelectReply;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** A mailbox as SELECT and Changes report it, as the real store's SelectService does. */
final class MailboxViews {
  /** The system flags, always in FLAGS (the real store's Flags.SYSTEM). */
  static final List<String> SYSTEM_FLAGS =
      List.of("\\Answered", "\\Deleted", "\\Draft", "\\Flagged", "\\Seen");

  private static final List<String> PERMANENT_FLAGS =
      List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft", "\\*");

  /** States per page: small, so that every SELECT is streamed in several pages. */
  private static final int PAGE = 2;

  private MailboxViews() {}

  /**
   * SELECT or EXAMINE: the mailbox, then its message states in pages. A read-write select claims
   * \Recent: messages from the old floor up are recent for this session only.
   */
  static List<SelectReply> opened(Mailbox m, boolean readOnly) {
    if (!m.selectable) {
      throw StoreErrors.refusal(io.mailroom.store.api.v1.ErrorCode.NOSELECT, "\\Noselect");
    }
    long firstRecent = m.recentFloor;
    if (!readOnly) {
      m.recentFloor = m.nextUid;
    }
    var keywords = new TreeSet<String>();
    m.messages.values().forEach(x -> keywords.addAll(x.flags()));
    keywords.removeAll(SYSTEM_FLAGS);
    var info =
        MailboxInfo.newBuilder()
            .setMailboxId(m.id)
            .setName(m.name)
            .setUidValidity((int) m.uidValidity)
            .setUidNext((int) m.nextUid)
            .setHighestModseq(m.highestModseq)
            .setMessages(m.messages.size())
            .setUnseen((int) m.unseen())
            .setFirstUnseenUid((int) m.firstUnseen())
            .addAllFlags(SYSTEM_FLAGS)
            .addAllFlags(keywords)
            .addAllPermanentFlags(PERMANENT_FLAGS)
            .setFirstRecentUid((int) firstRecent)
            .setReadOnly(readOnly);
    var replies = new ArrayList<SelectReply>();
    replies.add(SelectReply.newBuilder().setMailbox(info).build());
    var page = MessageStates.newBuilder();
    for (StoredMessage x : m.messages.values()) {
      page.addStates(state(x));
      if (page.getStatesCount() == PAGE) {
        replies.add(SelectReply.newBuilder().setPage(page).build());
        page = MessageStates.newBuilder();
      }
    }
    if (page.getStatesCount() > 0) {
      replies.add(SelectReply.newBuilder().setPage(page).build());
    }
    return replies;
  }

  static ChangesReply changes(Mailbox m, long sinceModseq, boolean uidValidityChanged) {
    var reply =
        ChangesReply.newBuilder()
            .setUidNext((int) m.nextUid)
            .setHighestModseq(m.highestModseq)
            .setMessages(m.messages.size());
    if (uidValidityChanged) {
      return reply.setUidValidityChanged(true).build();
    }
    for (StoredMessage x : m.messages.values()) {
      if (x.modseq() > sinceModseq) {
        reply.addChanged(state(x));
      }
    }
    m.expunged.forEach(
        (uid, modseq) -> {
          if (modseq > sinceModseq) {
            reply.addExpungedUids(uid.intValue());
          }
        });
    return reply.build();
  }

  static MessageState state(StoredMessage m) {
    return MessageState.newBuilder()
        .setUid((int) m.uid())
        .addAllFlags(m.flags())
        .setModseq(m.modseq())
        .build();
  }
}
