package io.mailroom.imap.handler;

import io.mailroom.imap.config.ImapConfig;
import io.mailroom.imap.response.ResponseWriter;
import io.mailroom.imap.session.SessionState;
import io.mailroom.imap.store.MailStore;
import io.mailroom.imap.wire.RawCommand;
import io.mailroom.store.client.auth.LoginThrottle;
import io.mailroom.store.client.message.Appended;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Optional;

/** What a handler may use of its connection. Everything runs on the connection's context. */
public interface CommandContext {
  SessionState state();

  void state(SessionState next);

  ResponseWriter out();

  /** The store, with results delivered back on this connection's context. */
  MailStore store();

  ImapConfig config();

  String remoteAddress();

  /** The capabilities to advertise now (they change with TLS and login). */
  String capabilities();

  boolean tlsActive();

  boolean tlsAvailable();

  /** The client's next line, for SASL responses and IDLE's DONE. */
  Uni<RawCommand> nextLine();

  /** Asks the store what changed in the selected mailbox and tells the client what it may. */
  Uni<Void> refresh(boolean expungeAllowed);

  /** Sends pending mailbox news the client may be told now. */
  void flushUpdates(boolean expungeAllowed);

  /** Tells the account's other sessions on this replica that a mailbox changed. */
  void changed(long mailboxId);

  /** Marks the selected mailbox as possibly changed (checked before the next tagged reply). */
  void markDirty();

  /** The APPEND whose message is being streamed to the store, if this command is one. */
  Optional<Uni<Appended>> takeAppend();

  /** While true, change hints are sent to the client at once (IDLE). */
  void idling(boolean idling);

  /** Completes after a delay, on a timer (never a sleep). */
  Uni<Void> delay(Duration delay);

  /** Login throttling and per-account session caps. */
  LoginThrottle loginThrottle();

  /** Whether CONDSTORE is enabled in this session (RFC 7162 3.1): MODSEQ in FETCH responses. */
  boolean condstore();

  /**
   * Enables CONDSTORE for the rest of the session; true if this did it. The first time with a
   * mailbox selected, the client is told its HIGHESTMODSEQ.
   */
  boolean enableCondstore();

  /** Registers the logged-in account (for push hints and per-account caps); false if capped. */
  boolean loggedIn(io.mailroom.store.client.auth.Login account);
}
