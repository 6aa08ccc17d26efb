package io.mailroom.filter.execution;

/** An apply job is already live for the account's mailbox (on this replica or another). */
public final class ApplyJobConflict extends RuntimeException {
  ApplyJobConflict(String message) {
    super(message);
  }
}
