package io.mailroom.store.persistence;

import io.mailroom.store.mailbox.Mailbox;
import io.mailroom.store.mailbox.MailboxCounts;
import io.mailroom.store.mailbox.UidAllocation;
import io.mailroom.store.message.ExpungeMode;
import io.mailroom.store.message.Flags;
import io.mailroom.store.message.MessageSet;
import io.mailroom.store.message.MessageState;
import io.mailroom.store.message.Removal;
import io.mailroom.store.message.StoredMessage;
import io.mailroom.store.message.UidSet;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** SQL of the messages in a mailbox (mailbox_message joined with content) and tombstones. */
@ApplicationScoped
public class MessageRows {

  private static final String COLUMNS =
      "mm.uid, array_to_string(mm.flags, ' '), mm.modseq, mm.internal_date,"
          + " mm.internal_date_offset, mm.content_id, c.email_id, c.blob_key, c.size, c.envelope,"
          + " c.body_structure, c.body, c.parts::text";

  public Uni<MailboxCounts> counts(Mutiny.Session session, Mailbox mailbox) {
    return Sql.row(
            session,
            "select count(*) as messages, count(*) filter (where mm.uid >= $2) as recent,"
                + " count(*) filter (where not ('\\Seen' = any(mm.flags))) as unseen,"
                + " coalesce(min(mm.uid) filter (where not ('\\Seen' = any(mm.flags))), 0)"
                + " as first_unseen, coalesce(sum(c.size), 0)::bigint as size"
                + " from mailbox_message mm join content c on c.id = mm.content_id"
                + " where mm.mailbox_id = $1",
            mailbox.id(),
            mailbox.recentFloor())
        .map(
            row -> {
              SqlRow r = row.orElseThrow();
              return new MailboxCounts(
                  r.getLong(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4));
            });
  }

  /** Flags in use in the mailbox (FLAGS response). */
  public Uni<List<String>> flagsInUse(Mutiny.Session session, long mailboxId) {
    return Sql.rows(
            session,
            "select distinct f from mailbox_message, unnest(flags) f where mailbox_id = $1"
                + " order by f limit 1000",
            mailboxId)
        .map(rows -> new ArrayList<>(rows.stream().map(r -> r.getString(0)).toList()));
  }

  /** States with uid > afterUid, in UID order, at most limit (for paging). */
  public Uni<List<MessageState>> statesPage(
      Mutiny.Session session, long mailboxId, long afterUid, int limit) {
    return Sql.rows(
            session,
            "select uid, array_to_string(flags, ' '), modseq from mailbox_message"
                + " where mailbox_id = $1 and uid > $2 order by uid limit $3",
            mailboxId,
            afterUid,
            limit)
        .map(MessageRows::states);
  }

  public Uni<List<MessageState>> changedSince(Mutiny.Session session, long mailboxId, long modseq) {
    return Sql.rows(
            session,
            "select uid, array_to_string(flags, ' '), modseq from mailbox_message"
                + " where mailbox_id = $1 and modseq > $2 order by uid",
            mailboxId,
            modseq)
        .map(MessageRows::states);
  }

  public Uni<List<Long>> expungedSince(Mutiny.Session session, long mailboxId, long modseq) {
    return Sql.rows(
            session,
            "select uid from expunged where mailbox_id = $1 and modseq > $2 order by uid",
            mailboxId,
            modseq)
        .map(MessageRows::longs);
  }

  /** The messages of a UID set (optionally only those changed since a MODSEQ), in UID order. */
  public Uni<List<StoredMessage>> inSet(
      Mutiny.Session session, long mailboxId, UidSet uids, long changedSince) {
    List<Object> params = Sql.params(mailboxId, changedSince);
    String where = UidSetSql.condition(uids, params, "$1");
    return Sql.rows(
            session,
            "select "
                + COLUMNS
                + " from mailbox_message mm join content c on c.id = mm.content_id"
                + " where mm.mailbox_id = $1 and mm.modseq > $2 and "
                + where
                + " order by mm.uid",
            params)
        .map(rows -> new ArrayList<>(rows.stream().map(MessageRows::message).toList()));
  }

  public Uni<Void> insert(
      Mutiny.Session session,
      long mailboxId,
      long uid,
      long contentId,
      String[] flags,
      long modseq,
      OffsetDateTime internalDate,
      int offsetMinutes) {
    return Sql.execute(
            session,
            "insert into mailbox_message (mailbox_id, uid, content_id, flags, modseq,"
                + " internal_date, internal_date_offset) values ($1, $2, $3, $4::text[], $5, $6,"
                + " $7)",
            mailboxId,
            uid,
            contentId,
            flags,
            modseq,
            internalDate,
            offsetMinutes)
        .replaceWithVoid();
  }

  /** The messages of a UID set and their total size (what COPY adds to the quota). */
  public Uni<MessageSet> sizesInSet(Mutiny.Session session, long mailboxId, UidSet uids) {
    List<Object> params = Sql.params(mailboxId);
    String inSet = UidSetSql.condition(uids, params, "$1");
    return Sql.rows(
            session,
            "select mm.uid, c.size from mailbox_message mm join content c on c.id = mm.content_id"
                + " where mm.mailbox_id = $1 and "
                + inSet
                + " order by mm.uid",
            params)
        .map(
            rows -> {
              List<Long> found = new ArrayList<>();
              long octets = 0;
              for (SqlRow r : rows) {
                found.add(r.getLong(0));
                octets += r.getLong(1);
              }
              return new MessageSet(found, octets);
            });
  }

  /**
   * Copies messages into the target under the allocated UIDs, in the order of sourceUids, sharing
   * their content rows; returns the new UIDs, ascending.
   */
  public Uni<List<Long>> copy(
      Mutiny.Session session,
      long sourceId,
      long targetId,
      List<Long> sourceUids,
      UidAllocation a,
      Flags addFlags) {
    Long[] from = sourceUids.toArray(Long[]::new);
    return Sql.rows(
            session,
            "insert into mailbox_message (mailbox_id, uid, content_id, flags, modseq,"
                + " internal_date, internal_date_offset)"
                + " select $2, $3 + s.ord - 1, mm.content_id,"
                + " array(select distinct f from unnest(mm.flags || $5::text[]) f order by f),"
                + " $4, mm.internal_date, mm.internal_date_offset"
                + " from unnest($6::bigint[]) with ordinality s(uid, ord)"
                + " join mailbox_message mm on mm.mailbox_id = $1 and mm.uid = s.uid"
                + " returning uid",
            sourceId,
            targetId,
            a.firstUid(),
            a.modseq(),
            addFlags.toArray(),
            from)
        .map(
            rows -> {
              List<Long> uids = longs(rows);
              uids.sort(null);
              return uids;
            });
  }

  /** Deletes the messages EXPUNGE names in this mode; the mailbox is locked by the caller. */
  public Uni<Removal> expunge(
      Mutiny.Session session, long mailboxId, ExpungeMode mode, UidSet uids) {
    List<Object> params = Sql.params(mailboxId);
    String condition =
        switch (mode) {
          case ALL_DELETED -> "'\\Deleted' = any(mm.flags)";
          case DELETED_IN_SET ->
              "'\\Deleted' = any(mm.flags) and " + UidSetSql.condition(uids, params, "$1");
          case ALL_IN_SET -> UidSetSql.condition(uids, params, "$1");
        };
    return Sql.rows(
            session,
            "delete from mailbox_message mm where mm.mailbox_id = $1 and "
                + condition
                + " returning mm.uid, mm.content_id",
            params)
        .map(
            rows -> {
              List<Long> removed = new ArrayList<>();
              List<Long> contentIds = new ArrayList<>();
              rows.forEach(
                  r -> {
                    removed.add(r.getLong(0));
                    contentIds.add(r.getLong(1));
                  });
              removed.sort(null);
              return new Removal(removed, contentIds);
            });
  }

  /** Deletes every message of a mailbox (DELETE); returns the content ids they referred to. */
  public Uni<List<Long>> removeAll(Mutiny.Session session, long mailboxId) {
    return Sql.rows(
            session,
            "delete from mailbox_message where mailbox_id = $1 returning content_id",
            mailboxId)
        .map(MessageRows::longs);
  }

  /** Moves every message of one mailbox into another, keeping UIDs; returns the UIDs. */
  public Uni<List<Long>> moveAll(Mutiny.Session session, long fromId, long toId) {
    return Sql.rows(
            session,
            "update mailbox_message set mailbox_id = $2 where mailbox_id = $1 returning uid",
            fromId,
            toId)
        .map(MessageRows::longs);
  }

  /** Records expunged UIDs for Changes. */
  public Uni<Void> tombstones(
      Mutiny.Session session, long mailboxId, List<Long> uids, long modseq) {
    if (uids.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Sql.execute(
            session,
            "insert into expunged (mailbox_id, uid, modseq) select $1, u, $3"
                + " from unnest($2::bigint[]) u"
                + " on conflict (mailbox_id, uid) do update set modseq = excluded.modseq",
            mailboxId,
            uids.toArray(Long[]::new),
            modseq)
        .replaceWithVoid();
  }

  static List<MessageState> states(List<SqlRow> rows) {
    return new ArrayList<>(rows.stream().map(MessageRows::state).toList());
  }

  /** Reads "uid, array_to_string(flags, ' '), modseq". */
  static MessageState state(SqlRow row) {
    return new MessageState(row.getLong(0), row.getWords(1), row.getLong(2));
  }

  private static StoredMessage message(SqlRow row) {
    return new StoredMessage(
        row.getLong(0),
        row.getWords(1),
        row.getLong(2),
        row.getOffsetDateTime(3),
        row.getInt(4),
        row.getLong(5),
        row.getString(6),
        row.getString(7),
        row.getLong(8),
        row.getString(9),
        row.getString(10),
        row.getString(11),
        new JsonArray(row.getString(12)));
  }

  /** The first column of each row, as longs. */
  static List<Long> longs(List<SqlRow> rows) {
    List<Long> result = new ArrayList<>(rows.size());
    rows.forEach(r -> result.add(r.getLong(0)));
    return result;
  }
}
