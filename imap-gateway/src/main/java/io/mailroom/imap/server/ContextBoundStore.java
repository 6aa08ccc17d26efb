package io.mailroom.imap.server;

import io.mailroom.imap.store.AccountSession;
import io.mailroom.imap.store.AppendSpec;
import io.mailroom.imap.store.Appended;
import io.mailroom.imap.store.Changes;
import io.mailroom.imap.store.Copied;
import io.mailroom.imap.store.FetchPart;
import io.mailroom.imap.store.FetchSpec;
import io.mailroom.imap.store.FlagsStored;
import io.mailroom.imap.store.Found;
import io.mailroom.imap.store.MailStore;
import io.mailroom.imap.store.MailboxRef;
import io.mailroom.imap.store.MailboxStatus;
import io.mailroom.imap.store.Mailboxes;
import io.mailroom.imap.store.OpenedMailbox;
import io.mailroom.imap.store.Query;
import io.mailroom.imap.store.UidSet;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The store as one connection sees it: every result comes back on the connection's Vert.x context,
 * so session state is only ever touched from one thread.
 */
final class ContextBoundStore implements MailStore {
  private final MailStore store;
  private final Executor context;

  ContextBoundStore(MailStore store, Context context) {
    this.store = store;
    this.context = task -> context.runOnContext(v -> task.run());
  }

  private <T> Uni<T> on(Uni<T> uni) {
    return uni.emitOn(context);
  }

  @Override
  public Uni<AccountSession> login(String username, String password, String remoteAddress) {
    return on(store.login(username, password, remoteAddress));
  }

  @Override
  public Uni<AccountSession> loginPlain(byte[] saslPlain, String remoteAddress) {
    return on(store.loginPlain(saslPlain, remoteAddress));
  }

  @Override
  public Uni<Mailboxes> list(
      AccountSession session, String reference, String pattern, boolean subscribedOnly) {
    return on(store.list(session, reference, pattern, subscribedOnly));
  }

  @Override
  public Uni<Void> create(AccountSession session, String name, Optional<String> specialUse) {
    return on(store.create(session, name, specialUse));
  }

  @Override
  public Uni<Void> delete(AccountSession session, String name) {
    return on(store.delete(session, name));
  }

  @Override
  public Uni<Void> rename(AccountSession session, String from, String to) {
    return on(store.rename(session, from, to));
  }

  @Override
  public Uni<Void> subscribe(AccountSession session, String name, boolean subscribe) {
    return on(store.subscribe(session, name, subscribe));
  }

  @Override
  public Uni<List<MailboxStatus>> status(AccountSession session, List<String> names) {
    return on(store.status(session, names));
  }

  @Override
  public Uni<OpenedMailbox> select(AccountSession session, String name, boolean readOnly) {
    return on(store.select(session, name, readOnly));
  }

  @Override
  public Multi<FetchPart> fetch(
      AccountSession session, MailboxRef mailbox, UidSet uids, FetchSpec spec) {
    return store.fetch(session, mailbox, uids, spec).emitOn(context);
  }

  @Override
  public Uni<Appended> append(AccountSession session, AppendSpec spec, Multi<byte[]> data) {
    return on(store.append(session, spec, data));
  }

  @Override
  public Uni<FlagsStored> storeFlags(
      AccountSession session,
      MailboxRef mailbox,
      UidSet uids,
      FlagChange change,
      List<String> flags,
      long unchangedSince) {
    return on(store.storeFlags(session, mailbox, uids, change, flags, unchangedSince));
  }

  @Override
  public Uni<Copied> copy(
      AccountSession session, MailboxRef mailbox, UidSet uids, String target, boolean move) {
    return on(store.copy(session, mailbox, uids, target, move));
  }

  @Override
  public Uni<List<Long>> expunge(
      AccountSession session, MailboxRef mailbox, Optional<UidSet> uids) {
    return on(store.expunge(session, mailbox, uids));
  }

  @Override
  public Uni<Found> search(AccountSession session, MailboxRef mailbox, Query query) {
    return on(store.search(session, mailbox, query));
  }

  @Override
  public Uni<Changes> changes(AccountSession session, MailboxRef mailbox, long sinceModseq) {
    return on(store.changes(session, mailbox, sinceModseq));
  }
}
