package io.mailroom.pop3.handler;

import io.mailroom.pop3.command.Command;
import io.mailroom.pop3.response.Reply;
import io.mailroom.pop3.session.Session;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** RFC 2595 STLS: the connection starts the handshake once this +OK is written. */
@ApplicationScoped
public class StlsHandler implements Handler<Command.Stls> {
  @Override
  public Uni<Outcome> handle(Command.Stls command, Session session) {
    return Uni.createFrom()
        .item(new Outcome(Reply.ok("begin TLS negotiation"), Outcome.Then.START_TLS));
  }
}
