package io.mailroom.pop3.handler;

import io.mailroom.pop3.command.Command;
import io.mailroom.pop3.config.Pop3Config;
import io.mailroom.pop3.response.Reply;
import io.mailroom.pop3.session.Session;
import io.mailroom.pop3.session.SessionState;
import io.mailroom.store.client.maildrop.MaildropEntry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * RETR streams BODY[] from the store chunk by chunk. \Seen is set only after the last byte went
 * out, so a transfer cut short leaves the message unread for IMAP clients too.
 */
@ApplicationScoped
public class RetrHandler implements Handler<Command.Retr> {
  private static final Logger LOG = Logger.getLogger(RetrHandler.class);
  private final Pop3Config config;

  RetrHandler(Pop3Config config) {
    this.config = config;
  }

  @Override
  public Uni<Outcome> handle(Command.Retr command, Session session) {
    var t = (SessionState.Transaction) session.state();
    int n = command.message();
    if (t.live(n).isEmpty()) {
      return Uni.createFrom().item(Outcome.of(Messages.missing(t, n)));
    }
    MaildropEntry entry = t.live(n).get();
    var inbox = t.lock().inbox();
    var store = session.store();
    var reply =
        new Reply.Stream(
            Reply.ok(entry.size() + " octets"),
            store.message(t.login(), inbox, entry.uid()),
            StoreReplies::status,
            () ->
                config.seenOnRetr()
                    ? store
                        .markSeen(t.login(), inbox, entry.uid())
                        .onFailure()
                        .invoke(e -> LOG.warnf("could not set \\Seen after RETR: %s", e))
                        .onFailure()
                        .recoverWithNull()
                    : Uni.createFrom().voidItem());
    return Uni.createFrom().item(Outcome.of(reply));
  }
}
