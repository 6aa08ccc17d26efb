package io.mailroom.store.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The mailbox table: reads as HQL projections; creation, row locks and UID/MODSEQ allocation as
 * PostgreSQL statements (ON CONFLICT, FOR UPDATE, UPDATE … RETURNING).
 */
@ApplicationScoped
public class MailboxRows {

  /** The first UID of a block of n and the MODSEQ of the change that takes it. */
  public record Allocation(long firstUid, long modseq) {}

  public Uni<Optional<MailboxRow>> byName(Mutiny.Session session, long accountId, String name) {
    return session
        .createSelectionQuery(
            MailboxRow.PROJECTION + " where m.accountId = :account and m.name = :name",
            MailboxRow.class)
        .setParameter("account", accountId)
        .setParameter("name", name)
        .getSingleResultOrNull()
        .map(Optional::ofNullable);
  }

  public Uni<Optional<MailboxRow>> byId(Mutiny.Session session, long accountId, long id) {
    return session
        .createSelectionQuery(
            MailboxRow.PROJECTION + " where m.accountId = :account and m.id = :id",
            MailboxRow.class)
        .setParameter("account", accountId)
        .setParameter("id", id)
        .getSingleResultOrNull()
        .map(Optional::ofNullable);
  }

  public Uni<List<MailboxRow>> all(Mutiny.Session session, long accountId) {
    return session
        .createSelectionQuery(
            MailboxRow.PROJECTION + " where m.accountId = :account order by m.name",
            MailboxRow.class)
        .setParameter("account", accountId)
        .getResultList();
  }

  /** Locks the row until the transaction ends: all writers of one mailbox queue here. */
  public Uni<Optional<MailboxRow>> lock(Mutiny.Session session, long accountId, long id) {
    return one(
        Sql.row(
            session,
            "select "
                + MailboxRow.COLUMNS
                + " from mailbox where account_id = $1 and id = $2"
                + " for update",
            accountId,
            id));
  }

  public Uni<Optional<MailboxRow>> lockByName(Mutiny.Session session, long accountId, String name) {
    return one(
        Sql.row(
            session,
            "select "
                + MailboxRow.COLUMNS
                + " from mailbox where account_id = $1 and name = $2"
                + " for update",
            accountId,
            name));
  }

  /** Empty when the name exists already. */
  public Uni<Optional<MailboxRow>> insert(
      Mutiny.Session session, long accountId, String name, String specialUse, boolean subscribed) {
    return one(
        Sql.row(
            session,
            "insert into mailbox (account_id, name, special_use, subscribed)"
                + " values ($1, $2, $3, $4) on conflict (account_id, name) do nothing"
                + " returning "
                + MailboxRow.COLUMNS,
            accountId,
            name,
            specialUse,
            subscribed));
  }

  /** Takes n UIDs and one MODSEQ in the caller's transaction (n may be 0). */
  public Uni<Allocation> allocate(Mutiny.Session session, long mailboxId, int n) {
    return Sql.row(
            session,
            "update mailbox set uid_next = uid_next + $2, highest_modseq = highest_modseq + 1"
                + " where id = $1 returning uid_next - $2, highest_modseq",
            mailboxId,
            (long) n)
        .map(row -> new Allocation(row.orElseThrow().getLong(0), row.orElseThrow().getLong(1)));
  }

  public Uni<Void> setSubscribed(Mutiny.Session session, long id, boolean subscribed) {
    return session
        .createMutationQuery("update MailboxEntity set subscribed = :subscribed where id = :id")
        .setParameter("subscribed", subscribed)
        .setParameter("id", id)
        .executeUpdate()
        .replaceWithVoid();
  }

  public Uni<Void> delete(Mutiny.Session session, long id) {
    return session
        .createMutationQuery("delete from MailboxEntity where id = :id")
        .setParameter("id", id)
        .executeUpdate()
        .replaceWithVoid();
  }

  static Uni<Optional<MailboxRow>> one(Uni<Optional<SqlRow>> row) {
    return row.map(r -> r.map(MailboxRow::from));
  }
}
