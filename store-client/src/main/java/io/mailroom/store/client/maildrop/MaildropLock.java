package io.mailroom.store.client.maildrop;

import io.mailroom.store.client.mailbox.MailboxRef;

/**
 * The exclusive maildrop lease a POP3 session holds in the store (RFC 1939 section 8), and the
 * INBOX it covers; it expires unless renewed.
 */
public record MaildropLock(String lockId, MailboxRef inbox, long expiresAtEpochMs) {}
