package io.mailroom.pop3.handler;

import io.mailroom.pop3.command.Command;
import io.mailroom.pop3.response.Reply;
import io.mailroom.pop3.session.Session;
import io.mailroom.pop3.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** DELE only marks; the store is touched at QUIT (RFC 1939 section 6). */
@ApplicationScoped
public class DeleHandler implements Handler<Command.Dele> {
  @Override
  public Uni<Outcome> handle(Command.Dele command, Session session) {
    var t = (SessionState.Transaction) session.state();
    int n = command.message();
    if (t.live(n).isEmpty()) {
      return Uni.createFrom().item(Outcome.of(Messages.missing(t, n)));
    }
    session.state(t.delete(n));
    return Uni.createFrom().item(Outcome.of(Reply.ok("message " + n + " deleted")));
  }
}
