package io.mailroom.imap.server;

import io.mailroom.imap.config.ImapConfig;
import io.mailroom.imap.handler.CommandContext;
import io.mailroom.imap.response.ResponseWriter;
import io.mailroom.imap.session.SessionState;
import io.mailroom.imap.store.MailStore;
import io.mailroom.imap.wire.RawCommand;
import io.mailroom.store.client.auth.Login;
import io.mailroom.store.client.auth.LoginThrottle;
import io.mailroom.store.client.message.Appended;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Optional;

/**
 * What the handlers see of a connection: its state, TLS and login, the store on its context, and
 * the parts that tell news ({@link MailboxNews}), stream APPENDs ({@link LiteralIntake}) and keep
 * IDLE alive ({@link IdleKeepAlive}).
 */
final class ImapSession implements CommandContext {
  private final ImapServer server;
  private final ImapConnection connection;
  private final ResponseWriter out;
  private final MailStore store;
  private final LiteralIntake literals;
  private final MailboxNews news;
  private final IdleKeepAlive idle;
  private SessionState state = new SessionState.NotAuthenticated();
  private boolean tls;
  private Login registeredAccount;

  ImapSession(
      ImapServer server,
      ImapConnection connection,
      ResponseWriter out,
      MailStore store,
      LiteralIntake literals,
      MailboxNews news,
      IdleKeepAlive idle,
      boolean tls) {
    this.server = server;
    this.connection = connection;
    this.out = out;
    this.store = store;
    this.literals = literals;
    this.news = news;
    this.idle = idle;
    this.tls = tls;
  }

  /** STARTTLS completed. */
  void tlsStarted() {
    tls = true;
  }

  /** The account logged in on this connection, registered for push and session caps. */
  Optional<Login> registeredAccount() {
    return Optional.ofNullable(registeredAccount);
  }

  @Override
  public SessionState state() {
    return state;
  }

  @Override
  public void state(SessionState next) {
    server.metrics().stateChanged(state.label(), next.label());
    state = next;
  }

  @Override
  public ResponseWriter out() {
    return out;
  }

  @Override
  public MailStore store() {
    return store;
  }

  @Override
  public ImapConfig config() {
    return server.config();
  }

  @Override
  public String remoteAddress() {
    return connection.address();
  }

  @Override
  public String capabilities() {
    return Capabilities.of(server.config(), state, tls, server.tlsAvailable());
  }

  @Override
  public boolean tlsActive() {
    return tls;
  }

  @Override
  public boolean tlsAvailable() {
    return server.tlsAvailable();
  }

  @Override
  public Uni<RawCommand> nextLine() {
    return connection.nextLine();
  }

  @Override
  public Uni<Void> refresh(boolean expungeAllowed) {
    return news.refresh(expungeAllowed);
  }

  @Override
  public void flushUpdates(boolean expungeAllowed) {
    news.flush(expungeAllowed);
  }

  @Override
  public boolean condstore() {
    return news.condstore();
  }

  @Override
  public boolean enableCondstore() {
    return news.enableCondstore();
  }

  @Override
  public void changed(long mailboxId) {
    if (registeredAccount != null) {
      server.registry().changed(registeredAccount.username(), mailboxId, connection);
    }
  }

  @Override
  public void markDirty() {
    news.markDirty();
  }

  @Override
  public Optional<Uni<Appended>> takeAppend() {
    return literals.take();
  }

  @Override
  public void idling(boolean on) {
    idle.idling(on);
  }

  @Override
  public Uni<Void> delay(Duration delay) {
    if (delay.isZero()) {
      return Uni.createFrom().voidItem();
    }
    return Uni.createFrom()
        .emitter(e -> server.vertx().setTimer(delay.toMillis(), id -> e.complete(null)));
  }

  @Override
  public LoginThrottle loginThrottle() {
    return server.loginThrottle();
  }

  @Override
  public boolean loggedIn(Login account) {
    if (!server.limits().openSession(account.username())) {
      return false;
    }
    registeredAccount = account;
    server.registry().add(account.username(), connection);
    return true;
  }
}
