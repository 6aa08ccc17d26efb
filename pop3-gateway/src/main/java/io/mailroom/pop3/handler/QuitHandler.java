package io.mailroom.pop3.handler;

import io.mailroom.pop3.command.Command;
import io.mailroom.pop3.response.Reply;
import io.mailroom.pop3.response.ResponseCode;
import io.mailroom.pop3.session.Session;
import io.mailroom.pop3.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import org.jboss.logging.Logger;

/**
 * QUIT. In TRANSACTION it enters UPDATE: the marked messages are expunged in the store (so IMAP
 * clients see them go), then the lock is released. Only this path deletes anything.
 */
@ApplicationScoped
public class QuitHandler implements Handler<Command.Quit> {
  private static final Logger LOG = Logger.getLogger(QuitHandler.class);

  @Override
  public Uni<Outcome> handle(Command.Quit command, Session session) {
    if (!(session.state() instanceof SessionState.Transaction t)) {
      session.state(SessionState.Authorization.fresh());
      return Uni.createFrom().item(Outcome.closing(Reply.ok("Mailroom POP3 server signing off")));
    }
    session.state(new SessionState.Update());
    session.stopLeaseTimer();
    if (session.isLockLost()) {
      return Uni.createFrom()
          .item(
              Outcome.closing(
                  Reply.err(ResponseCode.SYS_TEMP, "maildrop lock was lost; no messages deleted")));
    }
    var uids = new ArrayList<Long>();
    for (int n = 1; n <= t.maildrop().count(); n++) {
      if (t.isDeleted(n)) {
        uids.add(t.maildrop().entries().get(n - 1).uid());
      }
    }
    var store = session.store();
    var inbox = t.lock().inbox();
    String key = "pop3-quit/" + t.lock().lockId();
    return store
        .expunge(t.login(), inbox, uids, key)
        .map(
            done ->
                Outcome.closing(
                    Reply.ok(
                        "Mailroom POP3 server signing off (" + t.liveCount() + " messages left)")))
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.warnf("expunge at QUIT failed: %s", failure.getMessage());
              return Outcome.closing(
                  Reply.err(ResponseCode.SYS_TEMP, "some deleted messages not removed"));
            })
        .call(
            () ->
                store
                    .release(t.login(), t.lock())
                    .onFailure()
                    .invoke(e -> LOG.debugf("lock release failed; the lease will expire: %s", e))
                    .onFailure()
                    .recoverWithNull());
  }
}
