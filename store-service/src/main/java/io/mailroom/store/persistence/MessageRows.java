package io.mailroom.store.persistence;

import io.mailroom.store.domain.UidSet;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** SQL of the messages in a mailbox (mailbox_message joined with content) and tombstones. */
@ApplicationScoped
public class MessageRows {

  /** Counts for STATUS and SELECT. */
  public record Counts(long messages, long recent, long unseen, long firstUnseen, long size) {}

  /** A message's state: uid, flags, modseq. */
  public record State(long uid, List<String> flags, long modseq) {
    static State from(Row row) {
      String[] flags = row.getArrayOfStrings("flags");
      return new State(
          row.getLong("uid"), flags == null ? List.of() : List.of(flags), row.getLong("modseq"));
    }
  }

  public Uni<Counts> counts(SqlClient sql, MailboxRow mailbox) {
    return sql.preparedQuery(
            "select count(*) as messages, count(*) filter (where mm.uid >= $2) as recent,"
                + " count(*) filter (where not ('\\Seen' = any(mm.flags))) as unseen,"
                + " coalesce(min(mm.uid) filter (where not ('\\Seen' = any(mm.flags))), 0)"
                + " as first_unseen, coalesce(sum(c.size), 0)::bigint as size"
                + " from mailbox_message mm join content c on c.id = mm.content_id"
                + " where mm.mailbox_id = $1")
        .execute(Tuple.of(mailbox.id(), mailbox.recentFloor()))
        .map(
            rows -> {
              Row r = rows.iterator().next();
              return new Counts(
                  r.getLong("messages"),
                  r.getLong("recent"),
                  r.getLong("unseen"),
                  r.getLong("first_unseen"),
                  r.getLong("size"));
            });
  }

  /** Flags in use in the mailbox (FLAGS response). */
  public Uni<List<String>> flagsInUse(SqlClient sql, long mailboxId) {
    return sql.preparedQuery(
            "select distinct f from mailbox_message, unnest(flags) f where mailbox_id = $1"
                + " order by f limit 1000")
        .execute(Tuple.of(mailboxId))
        .map(
            rows -> {
              List<String> flags = new ArrayList<>();
              rows.forEach(r -> flags.add(r.getString(0)));
              return flags;
            });
  }

  /** States with uid > afterUid, in UID order, at most limit (for paging). */
  public Uni<List<State>> statesPage(SqlClient sql, long mailboxId, long afterUid, int limit) {
    return sql.preparedQuery(
            "select uid, flags, modseq from mailbox_message where mailbox_id = $1 and uid > $2"
                + " order by uid limit $3")
        .execute(Tuple.of(mailboxId, afterUid, limit))
        .map(MessageRows::states);
  }

  public Uni<List<State>> changedSince(SqlClient sql, long mailboxId, long modseq) {
    return sql.preparedQuery(
            "select uid, flags, modseq from mailbox_message where mailbox_id = $1 and modseq > $2"
                + " order by uid")
        .execute(Tuple.of(mailboxId, modseq))
        .map(MessageRows::states);
  }

  public Uni<List<Long>> expungedSince(SqlClient sql, long mailboxId, long modseq) {
    return sql.preparedQuery(
            "select uid from expunged where mailbox_id = $1 and modseq > $2 order by uid")
        .execute(Tuple.of(mailboxId, modseq))
        .map(MessageRows::longs);
  }

  /** The messages of a UID set (optionally only those changed since a MODSEQ), in UID order. */
  public Uni<List<MessageRow>> inSet(
      SqlClient sql, long mailboxId, UidSet uids, long changedSince) {
    Tuple params = Tuple.of(mailboxId, changedSince);
    String where = UidSetSql.condition(uids, params, "$1");
    return sql.preparedQuery(
            "select "
                + MessageRow.COLUMNS
                + " from mailbox_message mm join content c on c.id = mm.content_id"
                + " where mm.mailbox_id = $1 and mm.modseq > $2 and "
                + where
                + " order by mm.uid")
        .execute(params)
        .map(
            rows -> {
              List<MessageRow> result = new ArrayList<>();
              rows.forEach(r -> result.add(MessageRow.from(r)));
              return result;
            });
  }

  public Uni<Void> insert(
      SqlClient sql,
      long mailboxId,
      long uid,
      long contentId,
      String[] flags,
      long modseq,
      OffsetDateTime internalDate,
      int offsetMinutes) {
    return sql.preparedQuery(
            "insert into mailbox_message (mailbox_id, uid, content_id, flags, modseq,"
                + " internal_date, internal_date_offset) values ($1, $2, $3, $4, $5, $6, $7)")
        .execute(
            Tuple.tuple()
                .addValue(mailboxId)
                .addValue(uid)
                .addValue(contentId)
                .addValue(flags)
                .addValue(modseq)
                .addValue(internalDate)
                .addValue(offsetMinutes))
        .replaceWithVoid();
  }

  /** Records expunged UIDs for Changes. */
  public Uni<Void> tombstones(SqlClient sql, long mailboxId, List<Long> uids, long modseq) {
    if (uids.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return sql.preparedQuery(
            "insert into expunged (mailbox_id, uid, modseq) select $1, u, $3 from unnest($2::bigint[]) u"
                + " on conflict (mailbox_id, uid) do update set modseq = excluded.modseq")
        .execute(Tuple.of(mailboxId, uids.toArray(Long[]::new), modseq))
        .replaceWithVoid();
  }

  static List<State> states(RowSet<Row> rows) {
    List<State> result = new ArrayList<>();
    rows.forEach(r -> result.add(State.from(r)));
    return result;
  }

  static List<Long> longs(RowSet<Row> rows) {
    List<Long> result = new ArrayList<>();
    rows.forEach(r -> result.add(r.getLong(0)));
    return result;
  }
}
