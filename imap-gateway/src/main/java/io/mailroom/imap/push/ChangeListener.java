package io.mailroom.imap.push;

/** A session that wants to hear that a mailbox of its account may have changed. */
public interface ChangeListener {
  /** Called on any thread; {@code mailboxId} 0 means "some mailbox". */
  void mailboxChanged(long mailboxId);
}
