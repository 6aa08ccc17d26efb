package io.mailroom.filter.script;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The sieve_script table. Entities never leave this class: callers see {@link Script}. */
@ApplicationScoped
public class ScriptRepository {
  private static final String COLUMNS =
      "account, name, content, version, active_incoming, active_outgoing, updated_at";

  private final Pool pool;

  ScriptRepository(Pool pool) {
    this.pool = pool;
  }

  public Uni<List<Script>> list(String account) {
    return pool.preparedQuery(
            "select " + COLUMNS + " from sieve_script where account = $1 order by name")
        .execute(Tuple.of(account))
        .map(
            rows -> {
              var scripts = new ArrayList<Script>();
              rows.forEach(row -> scripts.add(script(row)));
              return scripts;
            });
  }

  public Uni<Optional<Script>> find(String account, String name) {
    return find(pool, account, name);
  }

  private static Uni<Optional<Script>> find(SqlClient client, String account, String name) {
    return client
        .preparedQuery("select " + COLUMNS + " from sieve_script where account = $1 and name = $2")
        .execute(Tuple.of(account, name))
        .map(
            rows ->
                rows.iterator().hasNext()
                    ? Optional.of(script(rows.iterator().next()))
                    : Optional.empty());
  }

  public Uni<Optional<Script>> active(String account, Direction direction) {
    return pool.preparedQuery(
            "select " + COLUMNS + " from sieve_script where account = $1 and " + direction.column())
        .execute(Tuple.of(account))
        .map(
            rows ->
                rows.iterator().hasNext()
                    ? Optional.of(script(rows.iterator().next()))
                    : Optional.empty());
  }

  /**
   * Creates the script or replaces its content, bumping the version; refuses a new script past
   * {@code maxScripts}. Answers the stored script.
   */
  public Uni<Script> save(String account, String name, String content, int maxScripts) {
    return pool.withTransaction(
        tx ->
            tx.preparedQuery(
                    "update sieve_script set content = $3, version = version + 1,"
                        + " updated_at = now() where account = $1 and name = $2 returning "
                        + COLUMNS)
                .execute(Tuple.of(account, name, content))
                .flatMap(
                    updated -> {
                      if (updated.iterator().hasNext()) {
                        return Uni.createFrom().item(script(updated.iterator().next()));
                      }
                      return tx.preparedQuery(
                              "select count(*) from sieve_script where account = $1")
                          .execute(Tuple.of(account))
                          .flatMap(
                              count -> {
                                if (count.iterator().next().getLong(0) >= maxScripts) {
                                  return Uni.createFrom()
                                      .failure(
                                          new ScriptRejected(
                                              ScriptRejected.Kind.TOO_MANY,
                                              "an account may hold at most "
                                                  + maxScripts
                                                  + " scripts"));
                                }
                                return tx.preparedQuery(
                                        "insert into sieve_script (account, name, content,"
                                            + " version) values ($1, $2, $3, 1)"
                                            + " on conflict do nothing returning "
                                            + COLUMNS)
                                    .execute(Tuple.of(account, name, content))
                                    .map(rows -> script(rows.iterator().next()));
                              });
                    }));
  }

  public Uni<Boolean> delete(String account, String name) {
    return pool.preparedQuery("delete from sieve_script where account = $1 and name = $2")
        .execute(Tuple.of(account, name))
        .map(rows -> rows.rowCount() > 0);
  }

  /** Makes {@code name} the one active script for the direction; null deactivates all. */
  public Uni<Boolean> activate(String account, String name, Direction direction) {
    var column = direction.column();
    return pool.withTransaction(
        tx ->
            tx.preparedQuery(
                    "update sieve_script set "
                        + column
                        + " = false where account = $1 and "
                        + column)
                .execute(Tuple.of(account))
                .flatMap(
                    cleared -> {
                      if (name == null) {
                        return Uni.createFrom().item(true);
                      }
                      return tx.preparedQuery(
                              "update sieve_script set "
                                  + column
                                  + " = true where account = $1 and name = $2")
                          .execute(Tuple.of(account, name))
                          .flatMap(
                              set ->
                                  set.rowCount() > 0
                                      ? Uni.createFrom().item(true)
                                      // Roll the clearing back: the named script does not exist.
                                      : Uni.createFrom()
                                          .failure(
                                              new ScriptRejected(
                                                  ScriptRejected.Kind.NOT_FOUND,
                                                  "no script named \"" + name + "\"")));
                    }));
  }

  public Uni<Void> rename(String account, String from, String to) {
    return pool.withTransaction(
        tx ->
            find(tx, account, to)
                .flatMap(
                    existing -> {
                      if (existing.isPresent()) {
                        return Uni.createFrom()
                            .failure(
                                new ScriptRejected(
                                    ScriptRejected.Kind.ALREADY_EXISTS,
                                    "a script named \"" + to + "\" already exists"));
                      }
                      return tx.preparedQuery(
                              "update sieve_script set name = $3, updated_at = now()"
                                  + " where account = $1 and name = $2")
                          .execute(Tuple.of(account, from, to))
                          .flatMap(
                              rows ->
                                  rows.rowCount() > 0
                                      ? Uni.createFrom().voidItem()
                                      : Uni.createFrom()
                                          .failure(
                                              new ScriptRejected(
                                                  ScriptRejected.Kind.NOT_FOUND,
                                                  "no script named \"" + from + "\"")));
                    }));
  }

  private static Script script(Row row) {
    return new Script(
        row.getString("account"),
        row.getString("name"),
        row.getString("content"),
        row.getInteger("version"),
        row.getBoolean("active_incoming"),
        row.getBoolean("active_outgoing"),
        row.getOffsetDateTime("updated_at") == null
            ? OffsetDateTime.now()
            : row.getOffsetDateTime("updated_at"));
  }
}
