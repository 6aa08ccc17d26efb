package io.mailroom.pop3.handler;

import io.mailroom.pop3.command.Command;
import io.mailroom.pop3.response.Reply;
import io.mailroom.pop3.session.Session;
import io.mailroom.pop3.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** RSET unmarks every message marked by DELE. */
@ApplicationScoped
public class RsetHandler implements Handler<Command.Rset> {
  @Override
  public Uni<Outcome> handle(Command.Rset command, Session session) {
    var t = ((SessionState.Transaction) session.state()).undeleteAll();
    session.state(t);
    return Uni.createFrom()
        .item(
            Outcome.of(
                Reply.ok(
                    "maildrop has " + t.liveCount() + " messages (" + t.liveSize() + " octets)")));
  }
}
