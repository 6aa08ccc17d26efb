package io.mailroom.store.persistence;

import io.mailroom.store.mailbox.Mailbox;
import io.mailroom.store.mailbox.UidAllocation;
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

  /** The columns {@link #mailbox} reads, for native queries. */
  private static final String COLUMNS =
      "id, account_id, name, uid_validity, uid_next, highest_modseq, recent_floor, special_use,"
          + " subscribed, selectable";

  /** The same, as an HQL projection of {@link MailboxEntity} m. */
  private static final String PROJECTION =
      "select new io.mailroom.store.mailbox.Mailbox(m.id, m.accountId, m.name,"
          + " m.uidValidity, m.uidNext, m.highestModseq, m.recentFloor, m.specialUse,"
          + " m.subscribed, m.selectable) from MailboxEntity m";

  public Uni<Optional<Mailbox>> byName(Mutiny.Session session, long accountId, String name) {
    return session
        .createSelectionQuery(
            PROJECTION + " where m.accountId = :account and m.name = :name", Mailbox.class)
        .setParameter("account", accountId)
        .setParameter("name", name)
        .getSingleResultOrNull()
        .map(Optional::ofNullable);
  }

  public Uni<Optional<Mailbox>> byId(Mutiny.Session session, long accountId, long id) {
    return session
        .createSelectionQuery(
            PROJECTION + " where m.accountId = :account and m.id = :id", Mailbox.class)
        .setParameter("account", accountId)
        .setParameter("id", id)
        .getSingleResultOrNull()
        .map(Optional::ofNullable);
  }

  public Uni<List<Mailbox>> all(Mutiny.Session session, long accountId) {
    return session
        .createSelectionQuery(
            PROJECTION + " where m.accountId = :account order by m.name", Mailbox.class)
        .setParameter("account", accountId)
        .getResultList();
  }

  /** Locks the row until the transaction ends: all writers of one mailbox queue here. */
  public Uni<Optional<Mailbox>> lock(Mutiny.Session session, long accountId, long id) {
    return one(
        Sql.row(
            session,
            "select " + COLUMNS + " from mailbox where account_id = $1 and id = $2" + " for update",
            accountId,
            id));
  }

  public Uni<Optional<Mailbox>> lockByName(Mutiny.Session session, long accountId, String name) {
    return one(
        Sql.row(
            session,
            "select "
                + COLUMNS
                + " from mailbox where account_id = $1 and name = $2"
                + " for update",
            accountId,
            name));
  }

  /** Empty when the name exists already. */
  public Uni<Optional<Mailbox>> insert(
      Mutiny.Session session, long accountId, String name, String specialUse, boolean subscribed) {
    return one(
        Sql.row(
            session,
            "insert into mailbox (account_id, name, special_use, subscribed)"
                + " values ($1, $2, $3, $4) on conflict (account_id, name) do nothing"
                + " returning "
                + COLUMNS,
            accountId,
            name,
            specialUse,
            subscribed));
  }

  /** Takes n UIDs and one MODSEQ in the caller's transaction (n may be 0). */
  public Uni<UidAllocation> allocate(Mutiny.Session session, long mailboxId, int n) {
    return Sql.row(
            session,
            "update mailbox set uid_next = uid_next + $2, highest_modseq = highest_modseq + 1"
                + " where id = $1 returning uid_next - $2, highest_modseq",
            mailboxId,
            (long) n)
        .map(row -> new UidAllocation(row.orElseThrow().getLong(0), row.orElseThrow().getLong(1)));
  }

  /** A read-write SELECT claims \Recent: what arrives from now on is recent for the next one. */
  public Uni<Void> claimRecent(Mutiny.Session session, long id) {
    return Sql.execute(session, "update mailbox set recent_floor = uid_next where id = $1", id)
        .replaceWithVoid();
  }

  /** Records the MODSEQ of a change that took no UID (STORE, EXPUNGE); the row is locked. */
  public Uni<Void> setHighestModseq(Mutiny.Session session, long id, long modseq) {
    return Sql.execute(session, "update mailbox set highest_modseq = $2 where id = $1", id, modseq)
        .replaceWithVoid();
  }

  /** Whether any mailbox of the account lies below this name. */
  public Uni<Boolean> hasChildren(Mutiny.Session session, long accountId, String name) {
    return Sql.row(
            session,
            "select exists (select 1 from mailbox where account_id = $1"
                + " and left(name, length($2) + 1) = $2 || '/')",
            accountId,
            name)
        .map(row -> row.orElseThrow().getBoolean(0));
  }

  /** A deleted mailbox with children stays as a \Noselect name for them. */
  public Uni<Void> makeNoselect(Mutiny.Session session, long id) {
    return Sql.execute(
            session, "update mailbox set selectable = false, special_use = null where id = $1", id)
        .replaceWithVoid();
  }

  /** A \Noselect name created again: selectable, with a new UIDVALIDITY. */
  public Uni<Void> revive(Mutiny.Session session, long id) {
    return Sql.rows(
            session,
            "update mailbox set selectable = true, uid_validity = nextval('uid_validity_seq')"
                + " where id = $1 returning id",
            id)
        .replaceWithVoid();
  }

  /** Renames a mailbox and every mailbox below it. */
  public Uni<Void> renameTree(Mutiny.Session session, long accountId, String from, String to) {
    return Sql.execute(
            session,
            "update mailbox set name = $3 || substr(name, length($2) + 1) where account_id = $1"
                + " and (name = $2 or left(name, length($2) + 1) = $2 || '/')",
            accountId,
            from,
            to)
        .replaceWithVoid();
  }

  /** Lets a new mailbox continue another's counters (RENAME of INBOX keeps the UIDs). */
  public Uni<Void> continueCounters(
      Mutiny.Session session, long id, long uidNext, long highestModseq) {
    return Sql.execute(
            session,
            "update mailbox set uid_next = $2, highest_modseq = $3 where id = $1",
            id,
            uidNext,
            highestModseq)
        .replaceWithVoid();
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

  static Uni<Optional<Mailbox>> one(Uni<Optional<SqlRow>> row) {
    return row.map(r -> r.map(MailboxRows::mailbox));
  }

  private static Mailbox mailbox(SqlRow row) {
    return new Mailbox(
        row.getLong(0),
        row.getLong(1),
        row.getString(2),
        row.getLong(3),
        row.getLong(4),
        row.getLong(5),
        row.getLong(6),
        row.getString(7),
        row.getBoolean(8),
        row.getBoolean(9));
  }
}
