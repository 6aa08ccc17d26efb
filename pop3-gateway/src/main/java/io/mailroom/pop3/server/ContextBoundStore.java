package io.mailroom.pop3.server;

import io.mailroom.pop3.store.Credentials;
import io.mailroom.pop3.store.Inbox;
import io.mailroom.pop3.store.Login;
import io.mailroom.pop3.store.MailStore;
import io.mailroom.pop3.store.MaildropEntry;
import io.mailroom.pop3.store.MaildropLock;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Delivers every store result on the session's own event loop. gRPC answers on its own threads;
 * with this, a session's state is only ever touched from one thread and needs no locks.
 */
final class ContextBoundStore implements MailStore {
  /** Chunks held between the store stream and the session: keeps memory per session small. */
  private static final int CHUNKS_AHEAD = 2;

  private final MailStore store;
  private final Executor loop;

  ContextBoundStore(MailStore store, Context context) {
    this.store = store;
    this.loop = task -> context.runOnContext(ignored -> task.run());
  }

  @Override
  public Uni<Login> authenticate(Credentials credentials, String remoteAddress) {
    return store.authenticate(credentials, remoteAddress).emitOn(loop);
  }

  @Override
  public Uni<MaildropLock> lock(Login login, String holder, int leaseSeconds) {
    return store.lock(login, holder, leaseSeconds).emitOn(loop);
  }

  @Override
  public Uni<MaildropLock> renew(Login login, MaildropLock lock, int leaseSeconds) {
    return store.renew(login, lock, leaseSeconds).emitOn(loop);
  }

  @Override
  public Uni<Void> release(Login login, MaildropLock lock) {
    return store.release(login, lock).emitOn(loop);
  }

  @Override
  public Uni<List<MaildropEntry>> listing(Login login, MaildropLock lock) {
    return store.listing(login, lock).emitOn(loop);
  }

  @Override
  public Multi<byte[]> message(Login login, Inbox inbox, long uid) {
    return store.message(login, inbox, uid).emitOn(loop, CHUNKS_AHEAD);
  }

  @Override
  public Multi<byte[]> header(Login login, Inbox inbox, long uid) {
    return store.header(login, inbox, uid).emitOn(loop, CHUNKS_AHEAD);
  }

  @Override
  public Multi<byte[]> text(Login login, Inbox inbox, long uid) {
    return store.text(login, inbox, uid).emitOn(loop, CHUNKS_AHEAD);
  }

  @Override
  public Uni<Void> markSeen(Login login, Inbox inbox, long uid) {
    return store.markSeen(login, inbox, uid).emitOn(loop);
  }

  @Override
  public Uni<Void> expunge(Login login, Inbox inbox, Collection<Long> uids, String idempotencyKey) {
    return store.expunge(login, inbox, uids, idempotencyKey).emitOn(loop);
  }
}
