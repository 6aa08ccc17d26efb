package io.mailroom.store.mailbox;

import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.account.Account;
import io.mailroom.store.persistence.MailboxRows;
import io.mailroom.store.persistence.Sql;
import io.mailroom.store.persistence.SqlRow;
import io.mailroom.store.persistence.Transactions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The POP3 maildrop lock (RFC 1939) as a lease row: one holder per account across all gateway
 * replicas; a dead gateway's lease simply expires.
 */
@ApplicationScoped
public class MaildropService {
  private static final int DEFAULT_LEASE = 60;
  private static final int MAX_LEASE = 3600;
  private static final int PAGE = 1000;

  /** A held lease and the INBOX it guards. */
  public record Lease(String lockId, OffsetDateTime expiresAt, Mailbox inbox) {}

  /**
   * One message of the maildrop; size is what RETR sends before dot-stuffing (the stored size, plus
   * the CRLF the gateway adds to a message that does not end in one); uidl is the immutable email
   * id.
   */
  public record Entry(long uid, long size, String uidl) {}

  private final Transactions tx;
  private final MailboxRows mailboxes;

  MaildropService(Transactions tx, MailboxRows mailboxes) {
    this.tx = tx;
    this.mailboxes = mailboxes;
  }

  public Uni<Lease> lock(Account account, String holder, int leaseSeconds) {
    String lockId = UUID.randomUUID().toString();
    return tx.write(
        session ->
            Sql.rows(
                    session,
                    "insert into maildrop_lease (account_id, lock_id, holder, expires_at)"
                        + " values ($1, $2, $3, now() + $4 * interval '1 second')"
                        + " on conflict (account_id) do update set lock_id = excluded.lock_id,"
                        + " holder = excluded.holder, expires_at = excluded.expires_at"
                        + " where maildrop_lease.expires_at < now() returning expires_at",
                    account.id(),
                    lockId,
                    holder.length() > 200 ? holder.substring(0, 200) : holder,
                    seconds(leaseSeconds))
                .chain(
                    rows -> {
                      if (rows.isEmpty()) {
                        throw new StoreFailure(
                            Reason.INUSE, "maildrop is locked by another session");
                      }
                      OffsetDateTime expires = rows.get(0).getOffsetDateTime(0);
                      return inbox(session, account).map(m -> new Lease(lockId, expires, m));
                    }));
  }

  public Uni<Lease> renew(Account account, String lockId, int leaseSeconds) {
    return tx.write(
        session ->
            Sql.rows(
                    session,
                    "update maildrop_lease set expires_at = now() + $3 * interval '1 second'"
                        + " where account_id = $1 and lock_id = $2 and expires_at >= now()"
                        + " returning expires_at",
                    account.id(),
                    lockId,
                    seconds(leaseSeconds))
                .chain(
                    rows -> {
                      if (rows.isEmpty()) {
                        throw new StoreFailure(Reason.EXPIRED, "maildrop lease expired");
                      }
                      OffsetDateTime expires = rows.get(0).getOffsetDateTime(0);
                      return inbox(session, account).map(m -> new Lease(lockId, expires, m));
                    }));
  }

  public Uni<Void> release(Account account, String lockId) {
    return tx.write(
        session ->
            Sql.execute(
                    session,
                    "delete from maildrop_lease where account_id = $1 and lock_id = $2",
                    account.id(),
                    lockId)
                .replaceWithVoid());
  }

  /** The INBOX snapshot in pages; only for the lease holder. */
  public Multi<List<Entry>> listing(Account account, String lockId) {
    return tx.read(
            session ->
                Sql.rows(
                        session,
                        "select 1 from maildrop_lease where account_id = $1 and lock_id = $2"
                            + " and expires_at >= now()",
                        account.id(),
                        lockId)
                    .chain(
                        rows -> {
                          if (rows.isEmpty()) {
                            throw new StoreFailure(
                                Reason.EXPIRED, "maildrop lease expired or not held");
                          }
                          return inbox(session, account);
                        }))
        .onItem()
        .transformToMulti(inbox -> pages(inbox.id()));
  }

  private Multi<List<Entry>> pages(long inboxId) {
    AtomicLong after = new AtomicLong();
    return Multi.createBy()
        .repeating()
        .uni(
            () ->
                tx.read(
                        session ->
                            Sql.rows(
                                session,
                                // RETR adds a CRLF to a message that does not end in one.
                                "select mm.uid, c.size + case when c.ends_with_crlf then 0 else 2"
                                    + " end, c.email_id from mailbox_message mm join"
                                    + " content c on c.id = mm.content_id where mm.mailbox_id = $1"
                                    + " and mm.uid > $2 order by mm.uid limit $3",
                                inboxId,
                                after.get(),
                                PAGE))
                    .map(
                        rows -> {
                          List<Entry> page = new ArrayList<>();
                          for (SqlRow r : rows) {
                            page.add(new Entry(r.getLong(0), r.getLong(1), r.getString(2)));
                          }
                          if (!page.isEmpty()) {
                            after.set(page.get(page.size() - 1).uid());
                          }
                          return page;
                        }))
        .until(List::isEmpty);
  }

  private Uni<Mailbox> inbox(Mutiny.Session session, Account account) {
    return mailboxes
        .byName(session, account.id(), MailboxName.INBOX)
        .map(m -> m.orElseThrow(() -> new StoreFailure(Reason.NOT_FOUND, "no INBOX")));
  }

  private static int seconds(int requested) {
    return requested <= 0 ? DEFAULT_LEASE : Math.min(requested, MAX_LEASE);
  }
}
