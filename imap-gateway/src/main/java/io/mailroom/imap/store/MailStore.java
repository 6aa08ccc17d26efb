package io.mailroom.imap.store;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;

/**
 * The store, as the gateway needs it: domain records in, domain records out. Failures arrive as
 * {@link StoreFailure}. Names are UTF-8 with "/" as delimiter.
 */
public interface MailStore {
  Uni<AccountSession> login(String username, String password, String remoteAddress);

  /** SASL PLAIN: authzid NUL authcid NUL password. */
  Uni<AccountSession> loginPlain(byte[] saslPlain, String remoteAddress);

  Uni<Mailboxes> list(
      AccountSession session, String reference, String pattern, boolean subscribedOnly);

  Uni<Void> create(AccountSession session, String name, Optional<String> specialUse);

  Uni<Void> delete(AccountSession session, String name);

  Uni<Void> rename(AccountSession session, String from, String to);

  Uni<Void> subscribe(AccountSession session, String name, boolean subscribe);

  Uni<List<MailboxStatus>> status(AccountSession session, List<String> names);

  Uni<OpenedMailbox> select(AccountSession session, String name, boolean readOnly);

  Multi<FetchPart> fetch(AccountSession session, MailboxRef mailbox, UidSet uids, FetchSpec spec);

  /** The message bytes arrive on {@code data}; a failure of {@code data} stores nothing. */
  Uni<Appended> append(AccountSession session, AppendSpec spec, Multi<byte[]> data);

  enum FlagChange {
    ADD,
    REMOVE,
    REPLACE
  }

  /** {@code unchangedSince} 0 = unconditional (UNCHANGEDSINCE 0 never reaches the store). */
  Uni<FlagsStored> storeFlags(
      AccountSession session,
      MailboxRef mailbox,
      UidSet uids,
      FlagChange change,
      List<String> flags,
      long unchangedSince);

  Uni<Copied> copy(
      AccountSession session, MailboxRef mailbox, UidSet uids, String target, boolean move);

  /** Expunges \Deleted messages: all of them, or only those in {@code uids} (UID EXPUNGE). */
  Uni<List<Long>> expunge(AccountSession session, MailboxRef mailbox, Optional<UidSet> uids);

  Uni<Found> search(AccountSession session, MailboxRef mailbox, Query query);

  Uni<Changes> changes(AccountSession session, MailboxRef mailbox, long sinceModseq);
}
