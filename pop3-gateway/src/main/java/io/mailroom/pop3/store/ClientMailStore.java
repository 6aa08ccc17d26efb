package io.mailroom.pop3.store;

import io.mailroom.store.client.auth.AuthClient;
import io.mailroom.store.client.auth.Credentials;
import io.mailroom.store.client.auth.Login;
import io.mailroom.store.client.mailbox.MailboxRef;
import io.mailroom.store.client.maildrop.MaildropClient;
import io.mailroom.store.client.maildrop.MaildropEntry;
import io.mailroom.store.client.maildrop.MaildropLock;
import io.mailroom.store.client.message.FetchClient;
import io.mailroom.store.client.message.FetchSpec.Section;
import io.mailroom.store.client.message.FlagUpdate;
import io.mailroom.store.client.message.MessageUpdateClient;
import io.mailroom.store.client.message.UidSet;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/** The {@link MailStore} over store-client: POP3's few words for the store's calls. */
@ApplicationScoped
public class ClientMailStore implements MailStore {
  private final AuthClient auth;
  private final MaildropClient maildrop;
  private final FetchClient fetch;
  private final MessageUpdateClient updates;

  ClientMailStore(
      AuthClient auth, MaildropClient maildrop, FetchClient fetch, MessageUpdateClient updates) {
    this.auth = auth;
    this.maildrop = maildrop;
    this.fetch = fetch;
    this.updates = updates;
  }

  @Override
  public Uni<Login> authenticate(Credentials credentials, String remoteAddress) {
    return auth.authenticate(credentials, remoteAddress, "pop3");
  }

  @Override
  public Uni<MaildropLock> lock(Login login, String holder, int leaseSeconds) {
    return maildrop.lock(login, holder, leaseSeconds);
  }

  @Override
  public Uni<MaildropLock> renew(Login login, MaildropLock lock, int leaseSeconds) {
    return maildrop.renew(login, lock, leaseSeconds);
  }

  @Override
  public Uni<Void> release(Login login, MaildropLock lock) {
    return maildrop.release(login, lock);
  }

  @Override
  public Uni<List<MaildropEntry>> listing(Login login, MaildropLock lock) {
    return maildrop.listing(login, lock);
  }

  @Override
  public Multi<byte[]> message(Login login, MailboxRef inbox, long uid) {
    return fetch.section(login, inbox, uid, Section.whole());
  }

  @Override
  public Multi<byte[]> header(Login login, MailboxRef inbox, long uid) {
    return fetch.section(login, inbox, uid, Section.header());
  }

  @Override
  public Multi<byte[]> text(Login login, MailboxRef inbox, long uid) {
    return fetch.section(login, inbox, uid, Section.bodyText());
  }

  @Override
  public Uni<Void> markSeen(Login login, MailboxRef inbox, long uid) {
    return updates
        .storeFlags(login, inbox, UidSet.one(uid), FlagUpdate.add(List.of("\\Seen")))
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> expunge(
      Login login, MailboxRef inbox, Collection<Long> uids, String idempotencyKey) {
    if (uids.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return updates.remove(login, inbox, UidSet.of(uids), idempotencyKey).replaceWithVoid();
  }
}
