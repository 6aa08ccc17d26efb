package io.mailroom.imap.store;

/** Where APPEND put the message (for APPENDUID). */
public record Appended(long mailboxId, long uidValidity, long uid) {}
