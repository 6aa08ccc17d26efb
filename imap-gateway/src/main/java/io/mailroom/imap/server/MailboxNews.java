package io.mailroom.imap.server;

import io.mailroom.imap.command.Command;
import io.mailroom.imap.response.ResponseWriter;
import io.mailroom.imap.response.UpdateWriter;
import io.mailroom.imap.session.SessionState;
import io.mailroom.imap.store.MailStore;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * Changes to the selected mailbox made elsewhere, told as EXISTS/EXPUNGE/FETCH where RFC 3501
 * allows: before a tagged reply (no EXPUNGE after FETCH, STORE or SEARCH), or at once in IDLE.
 * CONDSTORE adds MODSEQ to the FETCHes, so its switch lives here too.
 */
final class MailboxNews {
  private static final Logger LOG = Logger.getLogger(ImapConnection.class);

  private final ImapConnection connection;
  private final ResponseWriter out;
  private final MailStore store;
  private boolean dirty;
  private boolean condstore;

  MailboxNews(ImapConnection connection, ResponseWriter out, MailStore store) {
    this.connection = connection;
    this.out = out;
    this.store = store;
  }

  /** News for the client before the tagged reply; no EXPUNGE after FETCH, STORE or SEARCH. */
  Uni<Void> beforeTaggedReply(Command command) {
    boolean expungeAllowed =
        !(command instanceof Command.Fetch
            || command instanceof Command.Store
            || command instanceof Command.Search);
    if (dirty && connection.state() instanceof SessionState.Selected) {
      return refresh(expungeAllowed);
    }
    flush(expungeAllowed);
    return Uni.createFrom().voidItem();
  }

  Uni<Void> refresh(boolean expungeAllowed) {
    if (!(connection.state() instanceof SessionState.Selected selected)) {
      return Uni.createFrom().voidItem();
    }
    dirty = false;
    var mailbox = selected.mailbox();
    return store
        .changes(selected.account(), mailbox.ref(), mailbox.modseq())
        .invoke(
            changes -> {
              if (connection.state() != selected || connection.isClosed()) {
                return;
              }
              if (!mailbox.apply(changes)) {
                out.bye("Mailbox was re-created, select it again");
                connection.close();
                return;
              }
              flush(expungeAllowed);
            })
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(
            e -> {
              LOG.debugf("change check failed: %s", e.getMessage());
              dirty = true;
              return Uni.createFrom().voidItem();
            });
  }

  void flush(boolean expungeAllowed) {
    if (connection.state() instanceof SessionState.Selected selected) {
      UpdateWriter.write(out, selected.mailbox().drain(expungeAllowed), false, condstore);
    }
  }

  void markDirty() {
    dirty = true;
  }

  /** The selected mailbox may have changed: check before the next reply, or now in IDLE. */
  void hint(boolean idling) {
    dirty = true;
    if (idling) {
      refresh(true).subscribe().with(v -> {}, e -> {});
    }
  }

  boolean condstore() {
    return condstore;
  }

  boolean enableCondstore() {
    if (condstore) {
      return false;
    }
    condstore = true;
    if (connection.state() instanceof SessionState.Selected selected) {
      out.untaggedStatus("OK", "HIGHESTMODSEQ " + selected.mailbox().modseq(), "Highest");
    }
    return true;
  }
}
