package io.mailroom.store.persistence;

import io.mailroom.store.message.FlagMode;
import io.mailroom.store.message.Flags;
import io.mailroom.store.message.MessageState;
import io.mailroom.store.message.UidSet;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** STORE's SQL: the flags of a UID set changed set-wise in one statement. */
@ApplicationScoped
public class FlagRows {

  /**
   * Changes the flags of the messages in the set that actually change (and, with unchangedSince,
   * have not changed since then), giving them the new MODSEQ; returns their new states by UID.
   */
  public Uni<List<MessageState>> store(
      Mutiny.Session session,
      long mailboxId,
      UidSet uids,
      FlagMode mode,
      Flags flags,
      long modseq,
      long unchangedSince) {
    List<Object> params = Sql.params(mailboxId, flags.toArray(), modseq, unchangedSince);
    String inSet = UidSetSql.condition(uids, params, "$1");
    String newFlags =
        switch (mode) {
          case ADD -> "array(select distinct f from unnest(mm.flags || $2::text[]) f order by f)";
          case REMOVE ->
              "array(select f from unnest(mm.flags) f where f <> all($2::text[]) order by f)";
          case REPLACE -> "$2::text[]";
        };
    String update =
        "update mailbox_message mm set flags = "
            + newFlags
            + ", modseq = $3 where mm.mailbox_id = $1 and "
            + inSet
            + " and ($4 = 0 or mm.modseq <= $4) and mm.flags is distinct from "
            + newFlags
            + " returning mm.uid, array_to_string(mm.flags, ' '), mm.modseq";
    return Sql.rows(session, update, params)
        .map(
            rows -> {
              List<MessageState> updated = new ArrayList<>();
              rows.forEach(r -> updated.add(MessageRows.state(r)));
              updated.sort((a, b) -> Long.compare(a.uid(), b.uid()));
              return updated;
            });
  }

  /** UIDs in the set changed after a MODSEQ: the messages UNCHANGEDSINCE refuses. */
  public Uni<List<Long>> modifiedSince(
      Mutiny.Session session, long mailboxId, UidSet uids, long unchangedSince) {
    List<Object> params = Sql.params(mailboxId, unchangedSince);
    String inSet = UidSetSql.condition(uids, params, "$1");
    return Sql.rows(
            session,
            "select mm.uid from mailbox_message mm where mm.mailbox_id = $1 and mm.modseq > $2"
                + " and "
                + inSet
                + " order by mm.uid",
            params)
        .map(MessageRows::longs);
  }
}
