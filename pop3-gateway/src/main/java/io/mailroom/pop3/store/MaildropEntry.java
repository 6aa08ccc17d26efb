package io.mailroom.pop3.store;

/**
 * One message of the maildrop snapshot. {@code size} is the exact octet count of the message as
 * stored (CRLF line ends), which is what RETR sends before dot-stuffing; {@code uidl} is the
 * message's immutable id.
 */
public record MaildropEntry(long uid, long size, String uidl) {
  public MaildropEntry {
    if (uid <= 0 || size < 0 || uidl == null || uidl.isEmpty()) {
      throw new IllegalArgumentException("bad maildrop entry: " + uid + " " + size + " " + uidl);
    }
  }
}
