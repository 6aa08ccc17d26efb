package io.mailroom.store.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of the account table. */
@ApplicationScoped
public class AccountRows {

  /** One account as stored. */
  public record AccountRow(long id, String username, String passwordHash, OffsetDateTime created) {
    static AccountRow from(Row row) {
      return new AccountRow(
          row.getLong("id"),
          row.getString("username"),
          row.getString("password_hash"),
          row.getOffsetDateTime("created_at"));
    }
  }

  public Uni<Optional<AccountRow>> byUsername(SqlClient sql, String username) {
    return sql.preparedQuery("select * from account where username = $1")
        .execute(Tuple.of(username))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(AccountRow.from(first(rows))));
  }

  /** Empty when the username is taken. */
  public Uni<Optional<Long>> insert(SqlClient sql, String username, String hash) {
    return sql.preparedQuery(
            "insert into account (username, password_hash) values ($1, $2)"
                + " on conflict (username) do nothing returning id")
        .execute(Tuple.of(username, hash))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(first(rows).getLong("id")));
  }

  public Uni<List<AccountRow>> all(SqlClient sql) {
    return sql.query("select * from account order by username")
        .execute()
        .map(
            rows -> {
              List<AccountRow> result = new ArrayList<>();
              rows.forEach(r -> result.add(AccountRow.from(r)));
              return result;
            });
  }

  public Uni<Boolean> updatePassword(SqlClient sql, String username, String hash) {
    return sql.preparedQuery("update account set password_hash = $2 where username = $1")
        .execute(Tuple.of(username, hash))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Deletes the account and everything it owns; returns its id when it existed. */
  public Uni<Optional<Long>> delete(SqlClient sql, String username) {
    return sql.preparedQuery("delete from account where username = $1 returning id")
        .execute(Tuple.of(username))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(first(rows).getLong("id")));
  }

  static Row first(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
    return rows.iterator().next();
  }
}
