package io.mailroom.store.client.mailbox;

/** The counters of a mailbox (IMAP STATUS); {@code size} is the sum of its messages' sizes. */
public record MailboxStatus(
    String name,
    long messages,
    long recent,
    long uidNext,
    long uidValidity,
    long unseen,
    long highestModseq,
    long size) {}
