package io.mailroom.store.service;

import io.mailroom.store.api.v1.FlagsChanged;
import io.mailroom.store.api.v1.MailEvent;
import io.mailroom.store.domain.Account;
import io.mailroom.store.domain.Flags;
import io.mailroom.store.domain.UidSet;
import io.mailroom.store.events.Outbox;
import io.mailroom.store.persistence.MailboxRow;
import io.mailroom.store.persistence.MessageRows.State;
import io.mailroom.store.persistence.UidSetSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * STORE: changes flags in one statement per call, under the mailbox lock, so that concurrent
 * changes from several sessions are applied one after the other and none is lost.
 */
@ApplicationScoped
public class FlagService {

  /**
   * @param updated messages whose flags changed, with the new modseq
   * @param modified UIDs that failed UNCHANGEDSINCE
   */
  public record Stored(List<State> updated, List<Long> modified, long highestModseq) {}

  private final Pool pool;
  private final MailboxAccess access;
  private final Outbox outbox;

  FlagService(Pool pool, MailboxAccess access, Outbox outbox) {
    this.pool = pool;
    this.access = access;
    this.outbox = outbox;
  }

  public Uni<Stored> store(
      Account account,
      MailboxRef ref,
      UidSet uids,
      FlagMode mode,
      Flags flags,
      long unchangedSince) {
    return pool.withTransaction(
        sql ->
            access
                .lock(sql, account, ref)
                .chain(m -> store(sql, account, m, uids, mode, flags, unchangedSince)));
  }

  /** Within a transaction that holds the mailbox lock (also used by FETCH to set \Seen). */
  Uni<Stored> store(
      SqlClient sql,
      Account account,
      MailboxRow m,
      UidSet uids,
      FlagMode mode,
      Flags flags,
      long unchangedSince) {
    long modseq = m.highestModseq() + 1;
    Tuple params = Tuple.of(m.id(), flags.toArray(), modseq, unchangedSince);
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
            + " returning mm.uid, mm.flags, mm.modseq";
    // Failures of UNCHANGEDSINCE are judged on the state before this change.
    Uni<List<Long>> modifiedBefore =
        unchangedSince == 0
            ? Uni.createFrom().item(List.of())
            : modified(sql, m, uids, unchangedSince);
    return modifiedBefore.chain(
        modified ->
            sql.preparedQuery(update)
                .execute(params)
                .chain(
                    rows -> {
                      List<State> updated = new ArrayList<>();
                      rows.forEach(
                          r ->
                              updated.add(
                                  new State(
                                      r.getLong("uid"),
                                      List.of(r.getArrayOfStrings("flags")),
                                      r.getLong("modseq"))));
                      updated.sort((a, b) -> Long.compare(a.uid(), b.uid()));
                      if (updated.isEmpty()) {
                        return Uni.createFrom()
                            .item(new Stored(updated, modified, m.highestModseq()));
                      }
                      return sql.preparedQuery(
                              "update mailbox set highest_modseq = $2 where id = $1")
                          .execute(Tuple.of(m.id(), modseq))
                          .chain(() -> outbox.write(sql, account, changed(m, updated, modseq)))
                          .map(ignored -> new Stored(updated, modified, modseq));
                    }));
  }

  private static MailEvent.Builder changed(MailboxRow m, List<State> updated, long modseq) {
    return MailEvent.newBuilder()
        .setFlagsChanged(
            FlagsChanged.newBuilder()
                .setMailbox(Outbox.pointer(m))
                .addAllUids(updated.stream().map(s -> (int) s.uid()).toList())
                .setModseq(modseq));
  }

  private Uni<List<Long>> modified(SqlClient sql, MailboxRow m, UidSet uids, long unchangedSince) {
    Tuple params = Tuple.of(m.id(), unchangedSince);
    String inSet = UidSetSql.condition(uids, params, "$1");
    return sql.preparedQuery(
            "select mm.uid from mailbox_message mm where mm.mailbox_id = $1 and mm.modseq > $2"
                + " and "
                + inSet
                + " order by mm.uid")
        .execute(params)
        .map(
            rows -> {
              List<Long> result = new ArrayList<>();
              rows.forEach(r -> result.add(r.getLong(0)));
              return result;
            });
  }
}
