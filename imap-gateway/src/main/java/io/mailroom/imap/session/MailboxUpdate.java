package io.mailroom.imap.session;

import java.util.List;

/** Unsolicited news about the selected mailbox, in the order it must be sent. */
public sealed interface MailboxUpdate {
  record Expunge(int seq) implements MailboxUpdate {}

  record Exists(int count) implements MailboxUpdate {}

  record Recent(int count) implements MailboxUpdate {}

  /** {@code modseq}: the message's MODSEQ, shown once CONDSTORE is enabled. */
  record FlagsChanged(int seq, long uid, List<String> flags, long modseq)
      implements MailboxUpdate {}
}
