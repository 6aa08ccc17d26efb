package io.mailroom.pop3.session;

import io.mailroom.pop3.command.Command;
import io.mailroom.pop3.response.Reply;
import io.mailroom.pop3.response.ResponseCode;
import java.util.Optional;

/**
 * Which command may run in which state (RFC 1939 sections 4-6, RFC 2595 section 4). A refusal is an
 * -ERR that leaves the session as it was.
 */
public final class CommandGate {
  private CommandGate() {}

  public static Optional<Reply.Status> refuse(Command command, Session session) {
    SessionState state = session.state();
    if (state instanceof SessionState.Update) {
      return Optional.of(Reply.err("session is ending"));
    }
    if (command instanceof Command.Capa || command instanceof Command.Quit) {
      return Optional.empty();
    }
    if (command instanceof Command.SaslResponse) {
      return state instanceof SessionState.SaslPending
          ? Optional.empty()
          : Optional.of(Reply.err("no authentication in progress"));
    }
    boolean login =
        command instanceof Command.User
            || command instanceof Command.Pass
            || command instanceof Command.Auth;
    if (login || command instanceof Command.Stls) {
      if (!(state instanceof SessionState.Authorization)) {
        return Optional.of(Reply.err("already authenticated"));
      }
      if (command instanceof Command.Stls) {
        return stls(session);
      }
      if (session.tlsRequiredButAbsent()) {
        return Optional.of(
            Reply.err(ResponseCode.AUTH, "TLS required: use STLS or the POP3S port first"));
      }
      if (command instanceof Command.Pass
          && ((SessionState.Authorization) state).user().isEmpty()) {
        return Optional.of(Reply.err("USER first"));
      }
      return Optional.empty();
    }
    // everything else reads or changes the maildrop
    return state instanceof SessionState.Transaction
        ? Optional.empty()
        : Optional.of(Reply.err("not authenticated: log in first"));
  }

  private static Optional<Reply.Status> stls(Session session) {
    if (session.tlsActive()) {
      return Optional.of(Reply.err("TLS is already active"));
    }
    if (!session.tlsAvailable()) {
      return Optional.of(Reply.err("STLS is not available"));
    }
    return Optional.empty();
  }
}
