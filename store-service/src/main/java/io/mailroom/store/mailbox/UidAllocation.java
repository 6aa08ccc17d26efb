package io.mailroom.store.mailbox;

/** The first UID of a block taken from a mailbox, and the MODSEQ of the change that took it. */
public record UidAllocation(long firstUid, long modseq) {}
