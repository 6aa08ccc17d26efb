package io.mailroom.imap.store;

/** The store refused or failed a call, for a reason the gateway turns into a response code. */
public final class StoreFailure extends RuntimeException {
  /** The store's ErrorCode names, plus UNAVAILABLE for a store that cannot be reached. */
  public enum Reason {
    AUTHENTICATION_FAILED,
    NONEXISTENT,
    TRYCREATE,
    ALREADYEXISTS,
    NOSELECT,
    TOOBIG,
    OVERQUOTA,
    INUSE,
    CANNOT,
    INVALID_NAME,
    MODIFIED,
    EXPIRED,
    UIDVALIDITY_CHANGED,
    UNAVAILABLE,
    UNKNOWN
  }

  private final Reason reason;

  public StoreFailure(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
