package io.mailroom.store.message;

import io.mailroom.persistence.Transactions;
import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.account.Account;
import io.mailroom.store.account.StorageQuota;
import io.mailroom.store.events.MailChange.MessageAppended;
import io.mailroom.store.events.MailChange.MessageAppended.Source;
import io.mailroom.store.events.Outbox;
import io.mailroom.store.ingest.SpooledMessage;
import io.mailroom.store.mailbox.Mailbox;
import io.mailroom.store.mailbox.MailboxName;
import io.mailroom.store.persistence.IdempotencyKeys;
import io.mailroom.store.persistence.MailboxRows;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** APPEND: a client puts a message into one of its mailboxes. */
@ApplicationScoped
public class AppendService {
  private final Transactions tx;
  private final MailboxRows mailboxes;
  private final MessageIngest ingest;
  private final Outbox outbox;
  private final IdempotencyKeys keys;
  private final StorageQuota quota;

  AppendService(
      Transactions tx,
      MailboxRows mailboxes,
      MessageIngest ingest,
      Outbox outbox,
      IdempotencyKeys keys,
      StorageQuota quota) {
    this.tx = tx;
    this.mailboxes = mailboxes;
    this.ingest = ingest;
    this.outbox = outbox;
    this.keys = keys;
    this.quota = quota;
  }

  /**
   * Stores the spooled message; the caller deletes the spool file afterwards. A repeated
   * idempotency key returns the first result (also when the account is full by now); a new message
   * that does not fit the quota is refused with OVERQUOTA and nothing is stored.
   */
  public Uni<Appended> append(Account account, AppendRequestData request, SpooledMessage spooled) {
    MailboxName name = MailboxName.of(request.mailbox());
    return ingest
        .prepare(spooled)
        .chain(
            prepared ->
                tx.write(
                    session ->
                        mailboxes
                            .lockByName(session, account.id(), name.value())
                            .chain(
                                found -> {
                                  var m =
                                      found.orElseThrow(
                                          () ->
                                              new StoreFailure(
                                                  Reason.TRYCREATE, "no such mailbox"));
                                  if (!m.selectable()) {
                                    throw new StoreFailure(
                                        Reason.NOSELECT, "mailbox is \\Noselect");
                                  }
                                  String key = request.idempotencyKey();
                                  Uni<java.util.Optional<byte[]>> seen =
                                      key.isEmpty()
                                          ? Uni.createFrom().item(java.util.Optional.empty())
                                          : keys.find(session, account.id(), "append:" + key);
                                  return seen.chain(
                                      earlier ->
                                          earlier.isPresent()
                                              ? Uni.createFrom().item(decode(m, earlier.get()))
                                              : quota
                                                  .admit(session, account.id(), spooled.size())
                                                  .chain(
                                                      () ->
                                                          ingest.insert(
                                                              session,
                                                              m,
                                                              prepared,
                                                              request.flags(),
                                                              request.internalDate()))
                                                  .call(a -> remember(session, account, key, a))
                                                  .call(
                                                      a ->
                                                          outbox.write(
                                                              session,
                                                              account,
                                                              new MessageAppended(
                                                                  m.pointer(),
                                                                  List.of(a.uid()),
                                                                  a.modseq(),
                                                                  List.of(a.emailId()),
                                                                  Source.APPEND))));
                                })));
  }

  private Uni<Void> remember(Mutiny.Session session, Account account, String key, Appended a) {
    if (key.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    byte[] id = a.emailId().getBytes(StandardCharsets.UTF_8);
    byte[] reply =
        ByteBuffer.allocate(16 + id.length).putLong(a.uid()).putLong(a.modseq()).put(id).array();
    return keys.remember(session, account.id(), "append:" + key, reply);
  }

  private static Appended decode(Mailbox m, byte[] reply) {
    ByteBuffer b = ByteBuffer.wrap(reply);
    long uid = b.getLong();
    long modseq = b.getLong();
    byte[] id = new byte[b.remaining()];
    b.get(id);
    return new Appended(m, uid, modseq, new String(id, StandardCharsets.UTF_8));
  }
}
