package io.mailroom.pop3.handler;

import io.mailroom.pop3.command.Command;
import io.mailroom.pop3.response.Reply;
import io.mailroom.pop3.session.Session;
import io.mailroom.pop3.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;

/** LIST [n]: exact octet counts, the same bytes RETR sends before dot-stuffing. */
@ApplicationScoped
public class ListHandler implements Handler<Command.List> {
  @Override
  public Uni<Outcome> handle(Command.List command, Session session) {
    var t = (SessionState.Transaction) session.state();
    if (command.message().isPresent()) {
      int n = command.message().getAsInt();
      Reply reply =
          t.live(n)
              .<Reply>map(e -> Reply.ok(n + " " + e.size()))
              .orElseGet(() -> Messages.missing(t, n));
      return Uni.createFrom().item(Outcome.of(reply));
    }
    var lines = new ArrayList<String>(t.liveCount());
    for (int n = 1; n <= t.maildrop().count(); n++) {
      int number = n;
      t.live(n).ifPresent(e -> lines.add(number + " " + e.size()));
    }
    var status = Reply.ok(t.liveCount() + " messages (" + t.liveSize() + " octets)");
    return Uni.createFrom().item(Outcome.of(new Reply.Lines(status, lines)));
  }
}
