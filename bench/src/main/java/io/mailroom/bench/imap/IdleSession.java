package io.mailroom.bench.imap;

import io.vertx.core.Future;

/**
 * One session of the idle workload: logged in, INBOX selected, idling. It notes when the first
 * EXISTS above what SELECT reported arrives, which is when this client would learn of new mail.
 */
final class IdleSession {

  final int index;
  final int account;
  final ImapClient imap;
  private final long selectedExists;
  private volatile long existsSeenNanos = -1;

  IdleSession(int index, int account, ImapClient imap, long selectedExists) {
    this.index = index;
    this.account = account;
    this.imap = imap;
    this.selectedExists = selectedExists;
  }

  /** Starts IDLE; every untagged response is looked at for a grown EXISTS. */
  Future<Void> idle() {
    return imap.idle(
        response -> {
          long exists = response.numbered("EXISTS");
          if (exists > selectedExists && existsSeenNanos < 0) {
            existsSeenNanos = System.nanoTime();
          }
        });
  }

  boolean sawNewMail() {
    return existsSeenNanos >= 0;
  }

  long existsSeenNanos() {
    return existsSeenNanos;
  }

  /** DONE, then LOGOUT. */
  Future<Void> leave() {
    return imap.done().compose(done -> imap.logout()).mapEmpty();
  }
}
