package io.mailroom.store.mailbox;

/** A selected mailbox as a client knows it; uidValidity 0 skips the UIDVALIDITY check. */
public record MailboxRef(long mailboxId, long uidValidity) {}
