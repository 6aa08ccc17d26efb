package io.mailroom.store.mailbox;

/** The counts STATUS and SELECT answer; firstUnseen is 0 when every message is \Seen. */
public record MailboxCounts(long messages, long recent, long unseen, long firstUnseen, long size) {}
