package io.mailroom.imap.store;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * The adapter from {@link MailStore} to the store's gRPC contract (store.proto), one delegate per
 * service or concern: proto types stop in this package, and gRPC failures become {@link
 * StoreFailure}s ({@link GrpcFailures}).
 */
@ApplicationScoped
public class GrpcMailStore implements MailStore {
  @Inject GrpcAuthentication authentication;
  @Inject GrpcMailboxes mailboxes;
  @Inject GrpcSelection selection;
  @Inject GrpcFetch fetch;
  @Inject GrpcAppend append;
  @Inject GrpcMessageUpdates updates;
  @Inject GrpcSearch search;

  @Override
  public Uni<AccountSession> login(String username, String password, String remoteAddress) {
    return authentication.login(username, password, remoteAddress);
  }

  @Override
  public Uni<AccountSession> loginPlain(byte[] saslPlain, String remoteAddress) {
    return authentication.loginPlain(saslPlain, remoteAddress);
  }

  @Override
  public Uni<Mailboxes> list(
      AccountSession session, String reference, String pattern, boolean subscribedOnly) {
    return mailboxes.list(session, reference, pattern, subscribedOnly);
  }

  @Override
  public Uni<Void> create(AccountSession session, String name, Optional<String> specialUse) {
    return mailboxes.create(session, name, specialUse);
  }

  @Override
  public Uni<Void> delete(AccountSession session, String name) {
    return mailboxes.delete(session, name);
  }

  @Override
  public Uni<Void> rename(AccountSession session, String from, String to) {
    return mailboxes.rename(session, from, to);
  }

  @Override
  public Uni<Void> subscribe(AccountSession session, String name, boolean subscribe) {
    return mailboxes.subscribe(session, name, subscribe);
  }

  @Override
  public Uni<List<MailboxStatus>> status(AccountSession session, List<String> names) {
    return mailboxes.status(session, names);
  }

  @Override
  public Uni<OpenedMailbox> select(AccountSession session, String name, boolean readOnly) {
    return selection.select(session, name, readOnly);
  }

  @Override
  public Uni<Changes> changes(AccountSession session, MailboxRef mailbox, long sinceModseq) {
    return selection.changes(session, mailbox, sinceModseq);
  }

  @Override
  public Multi<FetchPart> fetch(
      AccountSession session, MailboxRef mailbox, UidSet uids, FetchSpec spec) {
    return fetch.fetch(session, mailbox, uids, spec);
  }

  @Override
  public Uni<Appended> append(AccountSession session, AppendSpec spec, Multi<byte[]> data) {
    return append.append(session, spec, data);
  }

  @Override
  public Uni<FlagsStored> storeFlags(
      AccountSession session,
      MailboxRef mailbox,
      UidSet uids,
      FlagChange change,
      List<String> flags,
      long unchangedSince) {
    return updates.storeFlags(session, mailbox, uids, change, flags, unchangedSince);
  }

  @Override
  public Uni<Copied> copy(
      AccountSession session, MailboxRef mailbox, UidSet uids, String target, boolean move) {
    return updates.copy(session, mailbox, uids, target, move);
  }

  @Override
  public Uni<List<Long>> expunge(
      AccountSession session, MailboxRef mailbox, Optional<UidSet> uids) {
    return updates.expunge(session, mailbox, uids);
  }

  @Override
  public Uni<Found> search(AccountSession session, MailboxRef mailbox, Query query) {
    return search.search(session, mailbox, query);
  }
}
