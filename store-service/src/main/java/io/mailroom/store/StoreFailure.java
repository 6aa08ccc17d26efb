package io.mailroom.store;

/**
 * A failure the caller caused or must know about, with a protocol-neutral reason. The gRPC and REST
 * edges each map reasons to their status codes in one place.
 */
public final class StoreFailure extends RuntimeException {

  /** Mirrors the contract's ErrorCode names, plus a few that carry no ErrorCode. */
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
    /** Malformed request (no ErrorCode). */
    BAD_REQUEST,
    /** The credential may not do this (no ErrorCode). */
    FORBIDDEN,
    /** An account or message that does not exist (no ErrorCode). */
    NOT_FOUND
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
