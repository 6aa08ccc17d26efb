package io.mailroom.imap.store;

import io.mailroom.store.client.auth.Login;
import io.mailroom.store.client.mailbox.Changes;
import io.mailroom.store.client.mailbox.MailboxList;
import io.mailroom.store.client.mailbox.MailboxRef;
import io.mailroom.store.client.mailbox.MailboxStatus;
import io.mailroom.store.client.mailbox.OpenedMailbox;
import io.mailroom.store.client.message.AppendSpec;
import io.mailroom.store.client.message.Appended;
import io.mailroom.store.client.message.Copied;
import io.mailroom.store.client.message.FetchPart;
import io.mailroom.store.client.message.FetchSpec;
import io.mailroom.store.client.message.FlagChange;
import io.mailroom.store.client.message.FlagsStored;
import io.mailroom.store.client.message.Found;
import io.mailroom.store.client.message.Query;
import io.mailroom.store.client.message.UidSet;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;

/**
 * The store, as the IMAP gateway needs it: store-client's records in and out, one method per thing
 * a command asks. Failures arrive as store-client's {@code StoreFailure}, results on the calling
 * session's context. Names are UTF-8 with "/" as delimiter.
 */
public interface MailStore {
  Uni<Login> login(String username, String password, String remoteAddress);

  /** SASL PLAIN: authzid NUL authcid NUL password. */
  Uni<Login> loginPlain(byte[] saslPlain, String remoteAddress);

  Uni<MailboxList> list(Login session, String reference, String pattern, boolean subscribedOnly);

  Uni<Void> create(Login session, String name, Optional<String> specialUse);

  Uni<Void> delete(Login session, String name);

  Uni<Void> rename(Login session, String from, String to);

  Uni<Void> subscribe(Login session, String name, boolean subscribe);

  Uni<List<MailboxStatus>> status(Login session, List<String> names);

  Uni<OpenedMailbox> select(Login session, String name, boolean readOnly);

  Multi<FetchPart> fetch(Login session, MailboxRef mailbox, UidSet uids, FetchSpec spec);

  /** The message bytes arrive on {@code data}; a failure of {@code data} stores nothing. */
  Uni<Appended> append(Login session, AppendSpec spec, Multi<byte[]> data);

  /** {@code unchangedSince} 0 = unconditional (UNCHANGEDSINCE 0 never reaches the store). */
  Uni<FlagsStored> storeFlags(
      Login session,
      MailboxRef mailbox,
      UidSet uids,
      FlagChange change,
      List<String> flags,
      long unchangedSince);

  Uni<Copied> copy(Login session, MailboxRef mailbox, UidSet uids, String target, boolean move);

  /** Expunges \Deleted messages: all of them, or only those in {@code uids} (UID EXPUNGE). */
  Uni<List<Long>> expunge(Login session, MailboxRef mailbox, Optional<UidSet> uids);

  Uni<Found> search(Login session, MailboxRef mailbox, Query query);

  Uni<Changes> changes(Login session, MailboxRef mailbox, long sinceModseq);
}
