package io.mailroom.imap.session;

import java.util.List;

/** Unsolicited news about the selected mailbox, in the order it must be sent. */
public sealed interface MailboxUpdate {
  record Expunge(int seq) implements MailboxUpdate {}

  record Exists(int count) implements MailboxUpdate {}

  record Recent(int count) implements MailboxUpdate {}

  record FlagsChanged(int seq, long uid, List<String> flags) implements MailboxUpdate {}
}
