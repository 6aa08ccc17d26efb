package io.mailroom.pop3.session;

import io.mailroom.store.client.maildrop.MaildropEntry;
import java.util.List;
import java.util.Optional;

/**
 * The INBOX as it was at login (RFC 1939: message numbers are fixed for the session). Messages that
 * arrive later appear in the next session; messages expunged over IMAP meanwhile fail on RETR/TOP
 * with a clear -ERR.
 */
public record Maildrop(List<MaildropEntry> entries) {
  public Maildrop {
    entries = List.copyOf(entries);
  }

  public int count() {
    return entries.size();
  }

  /** Message number {@code n}, counting from 1. */
  public Optional<MaildropEntry> message(int n) {
    return n >= 1 && n <= entries.size() ? Optional.of(entries.get(n - 1)) : Optional.empty();
  }
}
