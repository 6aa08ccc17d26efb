package io.mailroom.mime;

/**
 * One item of an IMAP address list: a mailbox, or the start or end of an RFC 5322 group (RFC 3501
 * 7.4.2: a group start has a NIL host and the group name as mailbox; its end is all NIL).
 */
sealed interface Address {

  /** name and route may be null; mailbox and host are never null. Name stays RFC 2047 encoded. */
  record Mailbox(String name, String route, String mailbox, String host) implements Address {}

  record GroupStart(String name) implements Address {}

  record GroupEnd() implements Address {}
}
