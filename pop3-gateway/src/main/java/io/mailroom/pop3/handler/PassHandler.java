package io.mailroom.pop3.handler;

import io.mailroom.pop3.command.Command;
import io.mailroom.pop3.session.Session;
import io.mailroom.pop3.session.SessionState;
import io.mailroom.store.client.auth.Credentials;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** PASS after USER (RFC 1939 section 7). */
@ApplicationScoped
public class PassHandler implements Handler<Command.Pass> {
  private final LoginFlow login;

  PassHandler(LoginFlow login) {
    this.login = login;
  }

  @Override
  public Uni<Outcome> handle(Command.Pass command, Session session) {
    // the gate let PASS through only with a user given
    String user = ((SessionState.Authorization) session.state()).user().orElseThrow();
    return login.login(new Credentials.Password(user, command.password()), session);
  }
}
