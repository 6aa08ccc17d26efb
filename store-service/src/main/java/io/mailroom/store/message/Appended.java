package io.mailroom.store.message;

import io.mailroom.store.mailbox.Mailbox;

/** Where a new message landed (APPENDUID). */
public record Appended(Mailbox mailbox, long uid, long modseq, String emailId) {}
