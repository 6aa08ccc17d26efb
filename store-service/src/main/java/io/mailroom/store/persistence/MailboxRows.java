package io.mailroom.store.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of the mailbox table, including UID and MODSEQ allocation. */
@ApplicationScoped
public class MailboxRows {

  /** The first UID of a block of n and the MODSEQ of the change that takes it. */
  public record Allocation(long firstUid, long modseq) {}

  public Uni<Optional<MailboxRow>> byName(SqlClient sql, long accountId, String name) {
    return one(
        sql.preparedQuery("select * from mailbox where account_id = $1 and name = $2")
            .execute(Tuple.of(accountId, name)));
  }

  public Uni<Optional<MailboxRow>> byId(SqlClient sql, long accountId, long id) {
    return one(
        sql.preparedQuery("select * from mailbox where account_id = $1 and id = $2")
            .execute(Tuple.of(accountId, id)));
  }

  /** Locks the row until the transaction ends: all writers of one mailbox queue here. */
  public Uni<Optional<MailboxRow>> lock(SqlClient sql, long accountId, long id) {
    return one(
        sql.preparedQuery("select * from mailbox where account_id = $1 and id = $2 for update")
            .execute(Tuple.of(accountId, id)));
  }

  public Uni<Optional<MailboxRow>> lockByName(SqlClient sql, long accountId, String name) {
    return one(
        sql.preparedQuery("select * from mailbox where account_id = $1 and name = $2 for update")
            .execute(Tuple.of(accountId, name)));
  }

  public Uni<List<MailboxRow>> all(SqlClient sql, long accountId) {
    return sql.preparedQuery("select * from mailbox where account_id = $1 order by name")
        .execute(Tuple.of(accountId))
        .map(MailboxRows::list);
  }

  /** Empty when the name exists already. */
  public Uni<Optional<MailboxRow>> insert(
      SqlClient sql, long accountId, String name, String specialUse, boolean subscribed) {
    return one(
        sql.preparedQuery(
                "insert into mailbox (account_id, name, special_use, subscribed)"
                    + " values ($1, $2, $3, $4) on conflict (account_id, name) do nothing"
                    + " returning *")
            .execute(Tuple.of(accountId, name, specialUse, subscribed)));
  }

  /** Takes n UIDs and one MODSEQ in the caller's transaction (n may be 0). */
  public Uni<Allocation> allocate(SqlClient sql, long mailboxId, int n) {
    return sql.preparedQuery(
            "update mailbox set uid_next = uid_next + $2, highest_modseq = highest_modseq + 1"
                + " where id = $1 returning uid_next - $2 as first_uid, highest_modseq")
        .execute(Tuple.of(mailboxId, n))
        .map(
            rows -> {
              Row row = rows.iterator().next();
              return new Allocation(row.getLong("first_uid"), row.getLong("highest_modseq"));
            });
  }

  public Uni<Void> setSubscribed(SqlClient sql, long id, boolean subscribed) {
    return sql.preparedQuery("update mailbox set subscribed = $2 where id = $1")
        .execute(Tuple.of(id, subscribed))
        .replaceWithVoid();
  }

  public Uni<Void> delete(SqlClient sql, long id) {
    return sql.preparedQuery("delete from mailbox where id = $1")
        .execute(Tuple.of(id))
        .replaceWithVoid();
  }

  static Uni<Optional<MailboxRow>> one(Uni<RowSet<Row>> rows) {
    return rows.map(
        set ->
            set.size() == 0
                ? Optional.empty()
                : Optional.of(MailboxRow.from(set.iterator().next())));
  }

  static List<MailboxRow> list(RowSet<Row> rows) {
    List<MailboxRow> result = new ArrayList<>();
    rows.forEach(r -> result.add(MailboxRow.from(r)));
    return result;
  }
}
