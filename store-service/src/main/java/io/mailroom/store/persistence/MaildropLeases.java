package io.mailroom.store.persistence;

import io.mailroom.store.mailbox.MaildropEntry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;

/** The maildrop_lease table (one POP3 lock per account) and the maildrop's listing. */
@ApplicationScoped
public class MaildropLeases {

  /** Takes the lease unless a live one is held; returns its expiry, empty when held by another. */
  public Uni<Optional<OffsetDateTime>> take(
      Mutiny.Session session, long accountId, String lockId, String holder, int seconds) {
    return expiry(
        Sql.rows(
            session,
            "insert into maildrop_lease (account_id, lock_id, holder, expires_at)"
                + " values ($1, $2, $3, now() + $4 * interval '1 second')"
                + " on conflict (account_id) do update set lock_id = excluded.lock_id,"
                + " holder = excluded.holder, expires_at = excluded.expires_at"
                + " where maildrop_lease.expires_at < now() returning expires_at",
            accountId,
            lockId,
            holder,
            seconds));
  }

  /** Extends a live lease; empty when this lock id no longer holds one. */
  public Uni<Optional<OffsetDateTime>> renew(
      Mutiny.Session session, long accountId, String lockId, int seconds) {
    return expiry(
        Sql.rows(
            session,
            "update maildrop_lease set expires_at = now() + $3 * interval '1 second'"
                + " where account_id = $1 and lock_id = $2 and expires_at >= now()"
                + " returning expires_at",
            accountId,
            lockId,
            seconds));
  }

  public Uni<Void> release(Mutiny.Session session, long accountId, String lockId) {
    return Sql.execute(
            session,
            "delete from maildrop_lease where account_id = $1 and lock_id = $2",
            accountId,
            lockId)
        .replaceWithVoid();
  }

  /** Whether this lock id holds a live lease. */
  public Uni<Boolean> holds(Mutiny.Session session, long accountId, String lockId) {
    return Sql.rows(
            session,
            "select 1 from maildrop_lease where account_id = $1 and lock_id = $2"
                + " and expires_at >= now()",
            accountId,
            lockId)
        .map(rows -> !rows.isEmpty());
  }

  /** The maildrop's messages with uid > afterUid, in UID order, at most limit. */
  public Uni<List<MaildropEntry>> listing(
      Mutiny.Session session, long inboxId, long afterUid, int limit) {
    return Sql.rows(
            session,
            // RETR adds a CRLF to a message that does not end in one.
            "select mm.uid, c.size + case when c.ends_with_crlf then 0 else 2"
                + " end, c.email_id from mailbox_message mm join"
                + " content c on c.id = mm.content_id where mm.mailbox_id = $1"
                + " and mm.uid > $2 order by mm.uid limit $3",
            inboxId,
            afterUid,
            limit)
        .map(
            rows -> {
              List<MaildropEntry> page = new ArrayList<>();
              for (SqlRow r : rows) {
                page.add(new MaildropEntry(r.getLong(0), r.getLong(1), r.getString(2)));
              }
              return page;
            });
  }

  private static Uni<Optional<OffsetDateTime>> expiry(Uni<List<SqlRow>> rows) {
    return rows.map(
        r -> r.isEmpty() ? Optional.empty() : Optional.of(r.get(0).getOffsetDateTime(0)));
  }
}
