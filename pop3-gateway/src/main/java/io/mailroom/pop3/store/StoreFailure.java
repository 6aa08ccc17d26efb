package io.mailroom.pop3.store;

/** A store call failed; {@link Reason} is all a handler needs to choose its POP3 reply. */
public final class StoreFailure extends RuntimeException {
  public enum Reason {
    /** Wrong user or password (one reason for both). */
    AUTHENTICATION_FAILED,
    /** Another session holds the maildrop. */
    IN_USE,
    /** The session token or the lease expired. */
    EXPIRED,
    /** The message is gone (expunged over IMAP since the snapshot). */
    NONEXISTENT,
    /** The store is unreachable or overloaded: try again later. */
    TEMPORARY,
    /** Anything else: a bug or a refusal the client cannot fix. */
    PERMANENT
  }

  private final Reason reason;

  public StoreFailure(Reason reason, String message, Throwable cause) {
    super(message, cause, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
