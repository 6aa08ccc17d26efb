package io.mailroom.pop3.handler;

import io.mailroom.pop3.config.Pop3Config;
import io.mailroom.pop3.metrics.Pop3Metrics;
import io.mailroom.pop3.response.Reply;
import io.mailroom.pop3.response.ResponseCode;
import io.mailroom.pop3.session.Maildrop;
import io.mailroom.pop3.session.Session;
import io.mailroom.pop3.session.SessionState;
import io.mailroom.store.client.StoreFailure;
import io.mailroom.store.client.auth.Credentials;
import io.mailroom.store.client.auth.Login;
import io.mailroom.store.client.auth.LoginThrottle;
import io.mailroom.store.client.maildrop.MaildropLock;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.BitSet;
import org.jboss.logging.Logger;

/**
 * What PASS and AUTH share: authenticate, take the maildrop lock, take the snapshot, enter
 * TRANSACTION. A wrong password is answered only after a delay that grows with the failures of the
 * account and of the client address.
 */
@ApplicationScoped
public class LoginFlow {
  private static final Logger LOG = Logger.getLogger(LoginFlow.class);
  private final Pop3Config config;
  private final LoginThrottle throttle;
  private final Pop3Metrics metrics;

  LoginFlow(Pop3Config config, LoginThrottle throttle, Pop3Metrics metrics) {
    this.config = config;
    this.throttle = throttle;
    this.metrics = metrics;
  }

  Uni<Outcome> login(Credentials credentials, Session session) {
    // back to a fresh AUTHORIZATION whatever happens; success moves on to TRANSACTION
    session.state(SessionState.Authorization.fresh());
    return session
        .store()
        .authenticate(credentials, session.remoteAddress())
        .onItem()
        .transformToUni(
            login -> {
              throttle.succeeded(credentials.account());
              return openMaildrop(login, session);
            })
        .onFailure(LoginFlow::wrongCredentials)
        .recoverWithUni(failure -> refuse(credentials, session))
        .onFailure()
        .recoverWithItem(failure -> Outcome.of(StoreReplies.status(failure)));
  }

  private Uni<Outcome> refuse(Credentials credentials, Session session) {
    metrics.loginFailed();
    Duration delay = throttle.failed(credentials.account(), session.remoteAddress());
    LOG.infof(
        "failed POP3 login for %s from %s; answering in %d ms",
        credentials.account(), session.remoteAddress(), delay.toMillis());
    return session
        .timers()
        .delay(delay)
        .replaceWith(Outcome.of(Reply.err(ResponseCode.AUTH, "authentication failed")));
  }

  private Uni<Outcome> openMaildrop(Login login, Session session) {
    int lease = config.leaseSeconds();
    return session
        .store()
        .lock(login, "pop3/" + session.id(), lease)
        .onItem()
        .transformToUni(
            lock ->
                session
                    .store()
                    .listing(login, lock)
                    .map(entries -> enter(session, login, lock, new Maildrop(entries)))
                    .onFailure()
                    .call(
                        () -> session.store().release(login, lock).onFailure().recoverWithNull()));
  }

  private Outcome enter(Session session, Login login, MaildropLock lock, Maildrop maildrop) {
    if (session.hasEnded()) {
      // the client left while the store opened the maildrop: give the lock back at once
      session
          .store()
          .release(login, lock)
          .subscribe()
          .with(ok -> {}, e -> LOG.debugf("lock release failed; the lease will expire: %s", e));
      return Outcome.of(Reply.err(ResponseCode.SYS_TEMP, "connection closed"));
    }
    var transaction = new SessionState.Transaction(login, lock, maildrop, new BitSet());
    session.state(transaction);
    session.leaseTimer(
        session.timers().every(Duration.ofSeconds(Math.max(1, lease() / 3)), () -> renew(session)));
    LOG.debugf("POP3 session %s opened the maildrop of %s", session.id(), login.username());
    return Outcome.of(
        Reply.ok(
            "maildrop has "
                + transaction.liveCount()
                + " messages ("
                + transaction.liveSize()
                + " octets)"));
  }

  private int lease() {
    return config.leaseSeconds();
  }

  private void renew(Session session) {
    if (!(session.state() instanceof SessionState.Transaction t)) {
      session.stopLeaseTimer();
      return;
    }
    session
        .store()
        .renew(t.login(), t.lock(), lease())
        .subscribe()
        .with(
            renewed -> {
              if (session.state() instanceof SessionState.Transaction now) {
                session.state(now.withLock(renewed));
              }
            },
            failure -> {
              if (failure instanceof StoreFailure f
                  && (f.reason() == StoreFailure.Reason.EXPIRED
                      || f.reason() == StoreFailure.Reason.INUSE)) {
                LOG.warnf("POP3 session %s lost its maildrop lock", session.id());
                session.lockLost();
                session.stopLeaseTimer();
              } else {
                // a transient outage: the lease outlives two missed renewals
                LOG.debugf("lease renewal failed, will retry: %s", failure.getMessage());
              }
            });
  }

  private static boolean wrongCredentials(Throwable failure) {
    return failure instanceof StoreFailure f
        && f.reason() == StoreFailure.Reason.AUTHENTICATION_FAILED;
  }
}
