package io.mailroom.store.service;

import io.mailroom.store.api.v1.MailEvent;
import io.mailroom.store.api.v1.MessageAppended;
import io.mailroom.store.domain.Account;
import io.mailroom.store.domain.MailboxName;
import io.mailroom.store.domain.StoreFailure;
import io.mailroom.store.domain.StoreFailure.Reason;
import io.mailroom.store.events.Outbox;
import io.mailroom.store.ingest.SpooledMessage;
import io.mailroom.store.persistence.IdempotencyKeys;
import io.mailroom.store.persistence.MailboxRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** APPEND: a client puts a message into one of its mailboxes. */
@ApplicationScoped
public class AppendService {
  private final Pool pool;
  private final MailboxRows mailboxes;
  private final MessageIngest ingest;
  private final Outbox outbox;
  private final IdempotencyKeys keys;

  AppendService(
      Pool pool, MailboxRows mailboxes, MessageIngest ingest, Outbox outbox, IdempotencyKeys keys) {
    this.pool = pool;
    this.mailboxes = mailboxes;
    this.ingest = ingest;
    this.outbox = outbox;
    this.keys = keys;
  }

  /**
   * Stores the spooled message; the caller deletes the spool file afterwards. A repeated
   * idempotency key returns the first result.
   */
  public Uni<Appended> append(Account account, AppendRequestData request, SpooledMessage spooled) {
    MailboxName name = MailboxName.of(request.mailbox());
    return ingest
        .prepare(spooled)
        .chain(
            prepared ->
                pool.withTransaction(
                    sql ->
                        mailboxes
                            .lockByName(sql, account.id(), name.value())
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
                                          : keys.find(sql, account.id(), "append:" + key);
                                  return seen.chain(
                                      earlier ->
                                          earlier.isPresent()
                                              ? Uni.createFrom().item(decode(m, earlier.get()))
                                              : ingest
                                                  .insert(
                                                      sql,
                                                      m,
                                                      prepared,
                                                      request.flags(),
                                                      request.internalDate())
                                                  .call(a -> remember(sql, account, key, a))
                                                  .call(
                                                      a ->
                                                          outbox.write(
                                                              sql,
                                                              account,
                                                              MailEvent.newBuilder()
                                                                  .setMessageAppended(
                                                                      MessageAppended.newBuilder()
                                                                          .setMailbox(
                                                                              Outbox.pointer(m))
                                                                          .addUids((int) a.uid())
                                                                          .setModseq(a.modseq())
                                                                          .addEmailIds(a.emailId())
                                                                          .setSource("append")))));
                                })));
  }

  private Uni<Void> remember(
      io.vertx.mutiny.sqlclient.SqlClient sql, Account account, String key, Appended a) {
    if (key.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    byte[] id = a.emailId().getBytes(StandardCharsets.UTF_8);
    byte[] reply =
        ByteBuffer.allocate(16 + id.length).putLong(a.uid()).putLong(a.modseq()).put(id).array();
    return keys.remember(sql, account.id(), "append:" + key, reply);
  }

  private static Appended decode(io.mailroom.store.persistence.MailboxRow m, byte[] reply) {
    ByteBuffer b = ByteBuffer.wrap(reply);
    long uid = b.getLong();
    long modseq = b.getLong();
    byte[] id = new byte[b.remaining()];
    b.get(id);
    return new Appended(m, uid, modseq, new String(id, StandardCharsets.UTF_8));
  }
}
