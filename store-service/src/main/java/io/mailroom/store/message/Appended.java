package io.mailroom.store.message;

import io.mailroom.store.persistence.MailboxRow;

/** Where a new message landed (APPENDUID). */
public record Appended(MailboxRow mailbox, long uid, long modseq, String emailId) {}
