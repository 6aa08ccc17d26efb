package io.mailroom.pop3.handler;

import io.mailroom.pop3.command.Command;
import io.mailroom.pop3.response.Reply;
import io.mailroom.pop3.session.Session;
import io.mailroom.pop3.session.SessionState;
import io.mailroom.store.client.maildrop.MaildropEntry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * TOP n lines: the header section with its blank line (BODY[HEADER]), then the first lines of the
 * body (BODY[TEXT]), cut by the gateway; the body stream is cancelled once enough lines went by.
 * TOP never sets \Seen.
 */
@ApplicationScoped
public class TopHandler implements Handler<Command.Top> {
  @Override
  public Uni<Outcome> handle(Command.Top command, Session session) {
    var t = (SessionState.Transaction) session.state();
    int n = command.message();
    if (t.live(n).isEmpty()) {
      return Uni.createFrom().item(Outcome.of(Messages.missing(t, n)));
    }
    MaildropEntry entry = t.live(n).get();
    var inbox = t.lock().inbox();
    var store = session.store();
    Multi<byte[]> header = store.header(t.login(), inbox, entry.uid());
    Multi<byte[]> body;
    if (command.lines() == 0) {
      body = header;
    } else {
      Multi<byte[]> lines =
          Multi.createFrom()
              .deferred(
                  () -> {
                    var limit = new TopLines(command.lines());
                    return store
                        .text(t.login(), inbox, entry.uid())
                        .select()
                        .first(chunk -> !limit.reached())
                        .map(limit::take);
                  });
      body = Multi.createBy().concatenating().streams(header, lines);
    }
    var reply =
        new Reply.Stream(
            Reply.ok("top of message follows"),
            body,
            StoreReplies::status,
            () -> Uni.createFrom().voidItem());
    return Uni.createFrom().item(Outcome.of(reply));
  }
}
