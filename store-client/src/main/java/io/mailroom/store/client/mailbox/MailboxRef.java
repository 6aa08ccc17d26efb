package io.mailroom.store.client.mailbox;

/**
 * A mailbox as a selected session holds it; the UIDVALIDITY (unsigned 32 bits) guards against a
 * re-created mailbox of the same id (the store then fails with UIDVALIDITY_CHANGED).
 */
public record MailboxRef(long mailboxId, long uidValidity) {}
