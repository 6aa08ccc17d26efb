package io.mailroom.filter.store;

/**
 * A mailbox as the store names it: its id, and its UIDVALIDITY, so that a mailbox re-created under
 * the same id is refused rather than mistaken for the one a plan was made for.
 */
public record MailboxKey(long id, long uidValidity) {}
