package io.mailroom.store.mailbox;

/**
 * One message of the POP3 maildrop.
 *
 * @param size what RETR sends before dot-stuffing: the stored size, plus the CRLF the gateway adds
 *     to a message that does not end in one
 * @param uidl the immutable email id
 */
public record MaildropEntry(long uid, long size, String uidl) {}
