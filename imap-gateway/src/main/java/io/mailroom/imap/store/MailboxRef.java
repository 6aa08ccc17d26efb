package io.mailroom.imap.store;

/** A selected mailbox; the UIDVALIDITY guards against a re-created mailbox of the same id. */
public record MailboxRef(long mailboxId, long uidValidity) {}
