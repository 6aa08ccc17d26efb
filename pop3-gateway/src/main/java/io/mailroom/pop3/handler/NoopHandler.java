package io.mailroom.pop3.handler;

import io.mailroom.pop3.command.Command;
import io.mailroom.pop3.response.Reply;
import io.mailroom.pop3.session.Session;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class NoopHandler implements Handler<Command.Noop> {
  @Override
  public Uni<Outcome> handle(Command.Noop command, Session session) {
    return Uni.createFrom().item(Outcome.of(Reply.ok("")));
  }
}
