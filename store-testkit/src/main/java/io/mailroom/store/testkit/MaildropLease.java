package io.mailroom.store.testkit;

/** The POP3 maildrop lease of one account, as the store's lease row holds it. */
record MaildropLease(String lockId, String username, long expiresAtMs) {
  boolean liveAt(long nowMs) {
    return expiresAtMs >= nowMs;
  }
}
