package io.mailroom.pop3.handler;

import io.mailroom.pop3.command.Command;
import io.mailroom.pop3.response.Reply;
import io.mailroom.pop3.session.Session;
import io.mailroom.pop3.session.SessionState;
import io.mailroom.store.client.auth.Credentials;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;
import java.util.List;

/**
 * RFC 5034 AUTH with the PLAIN mechanism (RFC 4616), with an initial response or through a "+ "
 * continuation. Bare AUTH lists the mechanisms, as Dovecot and many clients expect.
 */
@ApplicationScoped
public class AuthHandler implements Handler<Command.Auth> {
  private final LoginFlow login;

  AuthHandler(LoginFlow login) {
    this.login = login;
  }

  @Override
  public Uni<Outcome> handle(Command.Auth command, Session session) {
    if (command.mechanism().isEmpty()) {
      return done(new Reply.Lines(Reply.ok("mechanisms follow"), List.of("PLAIN")));
    }
    if (!command.mechanism().get().equals("PLAIN")) {
      return done(Reply.err("unsupported mechanism; CAPA lists the supported ones"));
    }
    if (command.initialResponse().isEmpty()) {
      session.state(new SessionState.SaslPending());
      return done(new Reply.Continuation(""));
    }
    return plain(command.initialResponse().get(), session);
  }

  /** The client's line after "+ ". */
  public Uni<Outcome> respond(Command.SaslResponse response, Session session) {
    session.state(SessionState.Authorization.fresh());
    if (response.line().equals("*")) {
      return done(Reply.err("authentication cancelled"));
    }
    return plain(response.line(), session);
  }

  private Uni<Outcome> plain(String base64, Session session) {
    byte[] message;
    try {
      // RFC 5034 section 4: "=" stands for an empty initial response
      message = base64.equals("=") ? new byte[0] : Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      session.state(SessionState.Authorization.fresh());
      return done(Reply.err("invalid base64 in the authentication response"));
    }
    return login.login(new Credentials.SaslPlain(message), session);
  }

  private static Uni<Outcome> done(Reply reply) {
    return Uni.createFrom().item(Outcome.of(reply));
  }
}
