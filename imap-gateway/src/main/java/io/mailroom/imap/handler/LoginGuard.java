package io.mailroom.imap.handler;

import java.time.Duration;

/** Counts failed logins per account and per address and says how long to hold a reply. */
public interface LoginGuard {
  /** The delay before answering a failed login, after counting it. */
  Duration failed(String username, String remoteAddress);

  void succeeded(String username, String remoteAddress);
}
