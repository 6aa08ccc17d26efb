package io.mailroom.store.client;

/**
 * The store refused or failed a call. {@link Reason} is all a caller needs to choose its answer: an
 * IMAP response code, a POP3 extended code, a Sieve fallback or a retry.
 */
public final class StoreFailure extends RuntimeException {

  /** The store's ErrorCode names, plus DAMAGED, UNAVAILABLE and UNKNOWN from the gRPC status. */
  public enum Reason {
    /** Wrong user or password: one reason for both. */
    AUTHENTICATION_FAILED,
    /** The mailbox (or message) does not exist, or belongs to another account. */
    NONEXISTENT,
    /** The target mailbox of an append or copy does not exist. */
    TRYCREATE,
    ALREADYEXISTS,
    /** The mailbox exists but holds no messages (\Noselect). */
    NOSELECT,
    /** The message is over the size limit. */
    TOOBIG,
    /** The account's storage quota is full: retrying will not help until mail is removed. */
    OVERQUOTA,
    /** Another session holds the POP3 maildrop. */
    INUSE,
    /** Not allowed, e.g. deleting INBOX. */
    CANNOT,
    INVALID_NAME,
    /** UNCHANGEDSINCE failed. */
    MODIFIED,
    /** The session token or the maildrop lease expired. */
    EXPIRED,
    /** The mailbox was re-created since it was selected. */
    UIDVALIDITY_CHANGED,
    /** The message's stored data is missing or damaged (gRPC DATA_LOSS): no retry helps. */
    DAMAGED,
    /** The store could not be reached, was overloaded or too slow: worth trying again. */
    UNAVAILABLE,
    /** Anything else: a bug or a refusal nobody named. */
    UNKNOWN;

    /** A failure worth retrying as it is: nothing about the request was wrong. */
    public boolean isTransient() {
      return this == UNAVAILABLE;
    }

    /**
     * The store said why it will not do this: the same request gets the same answer. Neither
     * UNAVAILABLE nor UNKNOWN is one — the store answers INTERNAL (UNKNOWN here) for any unexpected
     * exception, a database blip included, so a caller that can wait (a Kafka consumer with a
     * dead-letter topic) retries those, while a session answers at once.
     */
    public boolean isRefusal() {
      return this != UNAVAILABLE && this != UNKNOWN;
    }
  }

  private final Reason reason;

  public StoreFailure(Reason reason, String message) {
    this(reason, message, null);
  }

  public StoreFailure(Reason reason, String message, Throwable cause) {
    super(message, cause, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public boolean isTransient() {
    return reason.isTransient();
  }

  public boolean isRefusal() {
    return reason.isRefusal();
  }
}
