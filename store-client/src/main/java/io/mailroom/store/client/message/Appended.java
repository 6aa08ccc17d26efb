package io.mailroom.store.client.message;

/** Where APPEND put the message (for APPENDUID). */
public record Appended(long mailboxId, long uidValidity, long uid) {}
