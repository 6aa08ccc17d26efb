package io.mailroom.imap.store;

import io.mailroom.store.client.auth.AuthClient;
import io.mailroom.store.client.auth.Credentials;
import io.mailroom.store.client.auth.Login;
import io.mailroom.store.client.mailbox.Changes;
import io.mailroom.store.client.mailbox.MailboxClient;
import io.mailroom.store.client.mailbox.MailboxList;
import io.mailroom.store.client.mailbox.MailboxRef;
import io.mailroom.store.client.mailbox.MailboxStatus;
import io.mailroom.store.client.mailbox.OpenedMailbox;
import io.mailroom.store.client.mailbox.SelectClient;
import io.mailroom.store.client.message.AppendClient;
import io.mailroom.store.client.message.AppendSpec;
import io.mailroom.store.client.message.Appended;
import io.mailroom.store.client.message.Copied;
import io.mailroom.store.client.message.CopySpec;
import io.mailroom.store.client.message.FetchClient;
import io.mailroom.store.client.message.FetchPart;
import io.mailroom.store.client.message.FetchSpec;
import io.mailroom.store.client.message.FlagChange;
import io.mailroom.store.client.message.FlagUpdate;
import io.mailroom.store.client.message.FlagsStored;
import io.mailroom.store.client.message.Found;
import io.mailroom.store.client.message.MessageUpdateClient;
import io.mailroom.store.client.message.Query;
import io.mailroom.store.client.message.SearchClient;
import io.mailroom.store.client.message.UidSet;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * {@link MailStore} over store-client, which owns the gRPC calls, the error table, deadlines and
 * delivery on the session's context; this only says what IMAP asks of each.
 */
@ApplicationScoped
public class StoreClientMailStore implements MailStore {
  private static final String PROTOCOL = "imap";

  @Inject AuthClient auth;
  @Inject MailboxClient mailboxes;
  @Inject SelectClient selection;
  @Inject FetchClient fetch;
  @Inject AppendClient append;
  @Inject MessageUpdateClient updates;
  @Inject SearchClient search;

  @Override
  public Uni<Login> login(String username, String password, String remoteAddress) {
    return auth.authenticate(new Credentials.Password(username, password), remoteAddress, PROTOCOL);
  }

  @Override
  public Uni<Login> loginPlain(byte[] saslPlain, String remoteAddress) {
    return auth.authenticate(new Credentials.SaslPlain(saslPlain), remoteAddress, PROTOCOL);
  }

  @Override
  public Uni<MailboxList> list(
      Login session, String reference, String pattern, boolean subscribedOnly) {
    return mailboxes.list(session, reference, pattern, subscribedOnly);
  }

  @Override
  public Uni<Void> create(Login session, String name, Optional<String> specialUse) {
    return mailboxes.create(session, name, specialUse).replaceWithVoid();
  }

  @Override
  public Uni<Void> delete(Login session, String name) {
    return mailboxes.delete(session, name);
  }

  @Override
  public Uni<Void> rename(Login session, String from, String to) {
    return mailboxes.rename(session, from, to);
  }

  @Override
  public Uni<Void> subscribe(Login session, String name, boolean subscribe) {
    return mailboxes.subscribe(session, name, subscribe);
  }

  @Override
  public Uni<List<MailboxStatus>> status(Login session, List<String> names) {
    return mailboxes.status(session, names);
  }

  @Override
  public Uni<OpenedMailbox> select(Login session, String name, boolean readOnly) {
    return selection.select(session, name, readOnly);
  }

  @Override
  public Uni<Changes> changes(Login session, MailboxRef mailbox, long sinceModseq) {
    return selection.changes(session, mailbox, sinceModseq);
  }

  @Override
  public Multi<FetchPart> fetch(Login session, MailboxRef mailbox, UidSet uids, FetchSpec spec) {
    return fetch.fetch(session, mailbox, uids, spec);
  }

  @Override
  public Uni<Appended> append(Login session, AppendSpec spec, Multi<byte[]> data) {
    return append.append(session, spec, data);
  }

  @Override
  public Uni<FlagsStored> storeFlags(
      Login session,
      MailboxRef mailbox,
      UidSet uids,
      FlagChange change,
      List<String> flags,
      long unchangedSince) {
    var update = new FlagUpdate(change, flags, unchangedSince, Optional.empty());
    return updates.storeFlags(session, mailbox, uids, update);
  }

  @Override
  public Uni<Copied> copy(
      Login session, MailboxRef mailbox, UidSet uids, String target, boolean move) {
    var spec = move ? CopySpec.moveTo(target) : CopySpec.copyTo(target);
    return updates.copy(session, mailbox, uids, spec);
  }

  @Override
  public Uni<List<Long>> expunge(Login session, MailboxRef mailbox, Optional<UidSet> uids) {
    return updates.expungeDeleted(session, mailbox, uids);
  }

  @Override
  public Uni<Found> search(Login session, MailboxRef mailbox, Query query) {
    return search.search(session, mailbox, query);
  }
}
