package io.mailroom.pop3.handler;

import io.mailroom.pop3.command.Command;
import io.mailroom.pop3.response.Reply;
import io.mailroom.pop3.session.Session;
import io.mailroom.pop3.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** USER: remembered until PASS; the same +OK for every name, so accounts cannot be probed. */
@ApplicationScoped
public class UserHandler implements Handler<Command.User> {
  @Override
  public Uni<Outcome> handle(Command.User command, Session session) {
    session.state(new SessionState.Authorization(Optional.of(command.username())));
    return Uni.createFrom().item(Outcome.of(Reply.ok("send PASS")));
  }
}
