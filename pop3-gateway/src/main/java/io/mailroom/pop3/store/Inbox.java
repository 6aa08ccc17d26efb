package io.mailroom.pop3.store;

/** The INBOX as the store identifies it; the UIDVALIDITY guards against a re-created mailbox. */
public record Inbox(long mailboxId, int uidValidity) {}
