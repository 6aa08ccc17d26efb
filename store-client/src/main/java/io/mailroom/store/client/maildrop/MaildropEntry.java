package io.mailroom.store.client.maildrop;

/**
 * One message of the maildrop snapshot. {@code size} is what RETR sends before dot-stuffing: the
 * message as stored (CRLF line ends), plus the CRLF RETR adds when the message does not end with
 * one (the store counts it); {@code uidl} is the message's immutable id.
 */
public record MaildropEntry(long uid, long size, String uidl) {
  public MaildropEntry {
    if (uid <= 0 || size < 0 || uidl == null || uidl.isEmpty()) {
      throw new IllegalArgumentException("bad maildrop entry: " + uid + " " + size + " " + uidl);
    }
  }
}
