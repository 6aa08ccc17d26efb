package io.mailroom.imap.store;

/** Counters of a mailbox for STATUS. */
public record MailboxStatus(
    String name,
    long messages,
    long recent,
    long uidNext,
    long uidValidity,
    long unseen,
    long highestModseq,
    long size) {}
