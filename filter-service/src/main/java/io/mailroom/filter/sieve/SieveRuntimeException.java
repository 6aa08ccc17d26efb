package io.mailroom.filter.sieve;

/** A script that compiled but failed while running against one message. */
public final class SieveRuntimeException extends Exception {
  public SieveRuntimeException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
