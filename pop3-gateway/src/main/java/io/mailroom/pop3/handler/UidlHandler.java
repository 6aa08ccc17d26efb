package io.mailroom.pop3.handler;

import io.mailroom.pop3.command.Command;
import io.mailroom.pop3.response.Reply;
import io.mailroom.pop3.session.Session;
import io.mailroom.pop3.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;

/** UIDL [n]: the store's immutable message id, stable across sessions and IMAP renames. */
@ApplicationScoped
public class UidlHandler implements Handler<Command.Uidl> {
  @Override
  public Uni<Outcome> handle(Command.Uidl command, Session session) {
    var t = (SessionState.Transaction) session.state();
    if (command.message().isPresent()) {
      int n = command.message().getAsInt();
      Reply reply =
          t.live(n)
              .<Reply>map(e -> Reply.ok(n + " " + e.uidl()))
              .orElseGet(() -> Messages.missing(t, n));
      return Uni.createFrom().item(Outcome.of(reply));
    }
    var lines = new ArrayList<String>(t.liveCount());
    for (int n = 1; n <= t.maildrop().count(); n++) {
      int number = n;
      t.live(n).ifPresent(e -> lines.add(number + " " + e.uidl()));
    }
    return Uni.createFrom()
        .item(Outcome.of(new Reply.Lines(Reply.ok("unique-id listing follows"), lines)));
  }
}
