package io.mailroom.pop3.store;

import io.mailroom.store.client.auth.Credentials;
import io.mailroom.store.client.auth.Login;
import io.mailroom.store.client.mailbox.MailboxRef;
import io.mailroom.store.client.maildrop.MaildropEntry;
import io.mailroom.store.client.maildrop.MaildropLock;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.List;

/**
 * The store as the POP3 gateway needs it, in store-client's records. Every failure arrives as a
 * store-client {@code StoreFailure}, and every result on the calling session's event loop. Body
 * streams are cold and honour demand: a subscriber that requests one chunk at a time holds one
 * chunk at a time.
 */
public interface MailStore {
  Uni<Login> authenticate(Credentials credentials, String remoteAddress);

  Uni<MaildropLock> lock(Login login, String holder, int leaseSeconds);

  Uni<MaildropLock> renew(Login login, MaildropLock lock, int leaseSeconds);

  Uni<Void> release(Login login, MaildropLock lock);

  /** The INBOX snapshot under the lock, in UID order. */
  Uni<List<MaildropEntry>> listing(Login login, MaildropLock lock);

  /** The whole message, BODY[], in chunks. */
  Multi<byte[]> message(Login login, MailboxRef inbox, long uid);

  /** The header section including the blank line that ends it, BODY[HEADER]. */
  Multi<byte[]> header(Login login, MailboxRef inbox, long uid);

  /** The body after the header section, BODY[TEXT]. */
  Multi<byte[]> text(Login login, MailboxRef inbox, long uid);

  Uni<Void> markSeen(Login login, MailboxRef inbox, long uid);

  /** Removes exactly these messages, whatever their flags (POP3 UPDATE state). */
  Uni<Void> expunge(Login login, MailboxRef inbox, Collection<Long> uids, String idempotencyKey);
}
