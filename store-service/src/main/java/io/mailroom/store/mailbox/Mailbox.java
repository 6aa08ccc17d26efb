package io.mailroom.store.mailbox;

import io.mailroom.store.events.MailChange;

/**
 * One mailbox of an account, as stored: its counters (UIDNEXT, HIGHESTMODSEQ) are those read in the
 * caller's transaction, so a service holding the mailbox lock may rely on them.
 *
 * @param recentFloor the lowest UID that is \Recent for the next read-write SELECT
 * @param specialUse "\Sent", ... (RFC 6154) or null
 * @param selectable false for a \Noselect name kept for its children
 */
public record Mailbox(
    long id,
    long accountId,
    String name,
    long uidValidity,
    long uidNext,
    long highestModseq,
    long recentFloor,
    String specialUse,
    boolean subscribed,
    boolean selectable) {

  /** The same mailbox under another name (RENAME). */
  public Mailbox renamed(String newName) {
    return new Mailbox(
        id,
        accountId,
        newName,
        uidValidity,
        uidNext,
        highestModseq,
        recentFloor,
        specialUse,
        subscribed,
        selectable);
  }

  /** The mailbox as a change reports it. */
  public MailChange.Pointer pointer() {
    return new MailChange.Pointer(id, name, uidValidity, specialUse);
  }
}
