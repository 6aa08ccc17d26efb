package io.mailroom.pop3.store;

/** The exclusive maildrop lease a POP3 session holds in the store (RFC 1939 section 8). */
public record MaildropLock(String lockId, Inbox inbox, long expiresAtEpochMs) {}
