package io.mailroom.store.persistence;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * PostgreSQL statements that HQL cannot say (ON CONFLICT, RETURNING, arrays, row locks, full-text
 * search, set-wise updates), run as native queries in the caller's Hibernate Reactive session and
 * transaction. Statements are written with PostgreSQL's {@code $n} placeholders, {@code $n::type}
 * included; they are bound as ordinal parameters.
 */
public final class Sql {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$(\\d+)(?:::([a-z_]+(?:\\[\\])?))?");

  private Sql() {}

  /** A mutable parameter list for statements built piece by piece (UID sets, SEARCH). */
  public static List<Object> params(Object... values) {
    return new ArrayList<>(Arrays.asList(values));
  }

  /** The placeholder of the parameter just added. */
  public static String last(List<Object> params) {
    return "$" + params.size();
  }

  public static Uni<List<SqlRow>> rows(Mutiny.Session session, String sql, Object... params) {
    return rows(session, sql, Arrays.asList(params));
  }

  public static Uni<List<SqlRow>> rows(Mutiny.Session session, String sql, List<Object> params) {
    Mutiny.Query<Object> query = session.createNativeQuery(ordinal(sql));
    for (int i = 0; i < params.size(); i++) {
      query.setParameter(i + 1, params.get(i));
    }
    return query
        .getResultList()
        .map(
            results -> {
              List<SqlRow> rows = new ArrayList<>(results.size());
              for (Object r : results) {
                rows.add(new SqlRow(r instanceof Object[] values ? values : new Object[] {r}));
              }
              return rows;
            });
  }

  public static Uni<Optional<SqlRow>> row(Mutiny.Session session, String sql, Object... params) {
    return rows(session, sql, params)
        .map(rows -> rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0)));
  }

  /** A statement without results; returns the number of rows it changed. */
  public static Uni<Integer> execute(Mutiny.Session session, String sql, Object... params) {
    return execute(session, sql, Arrays.asList(params));
  }

  public static Uni<Integer> execute(Mutiny.Session session, String sql, List<Object> params) {
    Mutiny.Query<Object> query = session.createNativeQuery(ordinal(sql));
    for (int i = 0; i < params.size(); i++) {
      query.setParameter(i + 1, params.get(i));
    }
    return query.executeUpdate();
  }

  /** {@code $2} becomes {@code ?2}, {@code $2::text[]} becomes {@code cast(?2 as text[])}. */
  static String ordinal(String sql) {
    Matcher m = PLACEHOLDER.matcher(sql);
    StringBuilder out = new StringBuilder(sql.length() + 16);
    while (m.find()) {
      String replacement =
          m.group(2) == null ? "?" + m.group(1) : "cast(?" + m.group(1) + " as " + m.group(2) + ")";
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    return m.appendTail(out).toString();
  }
}
