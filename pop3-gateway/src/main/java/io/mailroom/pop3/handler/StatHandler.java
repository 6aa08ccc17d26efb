package io.mailroom.pop3.handler;

import io.mailroom.pop3.command.Command;
import io.mailroom.pop3.response.Reply;
import io.mailroom.pop3.session.Session;
import io.mailroom.pop3.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** STAT: count and octets of the messages not marked deleted (RFC 1939 section 5). */
@ApplicationScoped
public class StatHandler implements Handler<Command.Stat> {
  @Override
  public Uni<Outcome> handle(Command.Stat command, Session session) {
    var t = (SessionState.Transaction) session.state();
    return Uni.createFrom().item(Outcome.of(Reply.ok(t.liveCount() + " " + t.liveSize())));
  }
}
