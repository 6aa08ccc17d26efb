package io.mailroom.pop3.session;

import io.mailroom.pop3.store.MailStore;

/**
 * One client's POP3 session. It lives on one event loop: the store it is given delivers results
 * there, so its fields need no locking.
 */
public final class Session {
  private final String id;
  private final String remoteAddress;
  private final MailStore store;
  private final Timers timers;
  private final boolean tlsAvailable;
  private final boolean tlsRequired;
  private boolean tlsActive;
  private SessionState state = SessionState.Authorization.fresh();
  private int consecutiveErrors;
  private long leaseTimer = -1;
  private boolean lockLost;
  private boolean ended;

  public Session(
      String id,
      String remoteAddress,
      MailStore store,
      Timers timers,
      boolean tlsActive,
      boolean tlsAvailable,
      boolean tlsRequired) {
    this.id = id;
    this.remoteAddress = remoteAddress;
    this.store = store;
    this.timers = timers;
    this.tlsActive = tlsActive;
    this.tlsAvailable = tlsAvailable;
    this.tlsRequired = tlsRequired;
  }

  public String id() {
    return id;
  }

  public String remoteAddress() {
    return remoteAddress;
  }

  public MailStore store() {
    return store;
  }

  public Timers timers() {
    return timers;
  }

  public SessionState state() {
    return state;
  }

  public void state(SessionState next) {
    this.state = next;
  }

  public boolean tlsActive() {
    return tlsActive;
  }

  public void tlsStarted() {
    tlsActive = true;
  }

  public boolean tlsAvailable() {
    return tlsAvailable;
  }

  public boolean tlsRequiredButAbsent() {
    return tlsRequired && !tlsActive;
  }

  /** Counts a refusal; returns how many came in a row. */
  public int refused() {
    return ++consecutiveErrors;
  }

  public void succeeded() {
    consecutiveErrors = 0;
  }

  public void leaseTimer(long timerId) {
    leaseTimer = timerId;
  }

  /** Stops renewing the lease (the session is leaving TRANSACTION). */
  public void stopLeaseTimer() {
    if (leaseTimer >= 0) {
      timers.cancel(leaseTimer);
      leaseTimer = -1;
    }
  }

  /** The store refused to renew the lease: another session may own the maildrop now. */
  public void lockLost() {
    lockLost = true;
  }

  public boolean isLockLost() {
    return lockLost;
  }

  /** The connection is gone; a login still in flight must not take the maildrop. */
  public void ended() {
    ended = true;
    stopLeaseTimer();
  }

  public boolean hasEnded() {
    return ended;
  }
}
