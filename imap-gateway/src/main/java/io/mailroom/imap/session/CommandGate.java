package io.mailroom.imap.session;

import io.mailroom.imap.command.Command;
import java.util.Optional;

/** Which commands a state allows: the command x state table of RFC 3501 section 3. */
public final class CommandGate {
  private CommandGate() {}

  /** Empty if allowed, else why not (for a tagged BAD). */
  public static Optional<String> refuse(Command command, SessionState state) {
    boolean allowed =
        switch (command.needs()) {
          case ANY -> !(state instanceof SessionState.Logout);
          case NOT_AUTHENTICATED -> state instanceof SessionState.NotAuthenticated;
          case AUTHENTICATED ->
              state instanceof SessionState.Authenticated || state instanceof SessionState.Selected;
          case SELECTED -> state instanceof SessionState.Selected;
        };
    if (allowed) {
      return Optional.empty();
    }
    return Optional.of(
        switch (command.needs()) {
          case NOT_AUTHENTICATED -> "Already authenticated";
          case AUTHENTICATED -> "Log in first";
          case SELECTED -> "No mailbox selected";
          case ANY -> "Logging out";
        });
  }
}
