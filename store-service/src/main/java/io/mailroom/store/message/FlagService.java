package io.mailroom.store.message;

import io.mailroom.store.account.Account;
import io.mailroom.store.api.v1.FlagsChanged;
import io.mailroom.store.api.v1.MailEvent;
import io.mailroom.store.events.Outbox;
import io.mailroom.store.mailbox.Mailbox;
import io.mailroom.store.mailbox.MailboxAccess;
import io.mailroom.store.mailbox.MailboxRef;
import io.mailroom.store.persistence.MessageRows;
import io.mailroom.store.persistence.Sql;
import io.mailroom.store.persistence.Transactions;
import io.mailroom.store.persistence.UidSetSql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

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
  public record Stored(List<MessageState> updated, List<Long> modified, long highestModseq) {}

  private final Transactions tx;
  private final MailboxAccess access;
  private final Outbox outbox;

  FlagService(Transactions tx, MailboxAccess access, Outbox outbox) {
    this.tx = tx;
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
    return tx.write(
        session ->
            access
                .lock(session, account, ref)
                .chain(m -> store(session, account, m, uids, mode, flags, unchangedSince)));
  }

  /** Within a transaction that holds the mailbox lock (also used by FETCH to set \Seen). */
  Uni<Stored> store(
      Mutiny.Session session,
      Account account,
      Mailbox m,
      UidSet uids,
      FlagMode mode,
      Flags flags,
      long unchangedSince) {
    long modseq = m.highestModseq() + 1;
    List<Object> params = Sql.params(m.id(), flags.toArray(), modseq, unchangedSince);
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
    // Failures of UNCHANGEDSINCE are judged on the state before this change.
    Uni<List<Long>> modifiedBefore =
        unchangedSince == 0
            ? Uni.createFrom().item(List.of())
            : modified(session, m, uids, unchangedSince);
    return modifiedBefore.chain(
        modified ->
            Sql.rows(session, update, params)
                .chain(
                    rows -> {
                      List<MessageState> updated = new ArrayList<>();
                      rows.forEach(r -> updated.add(MessageRows.state(r)));
                      updated.sort((a, b) -> Long.compare(a.uid(), b.uid()));
                      if (updated.isEmpty()) {
                        return Uni.createFrom()
                            .item(new Stored(updated, modified, m.highestModseq()));
                      }
                      return Sql.execute(
                              session,
                              "update mailbox set highest_modseq = $2 where id = $1",
                              m.id(),
                              modseq)
                          .chain(() -> outbox.write(session, account, changed(m, updated, modseq)))
                          .map(ignored -> new Stored(updated, modified, modseq));
                    }));
  }

  private static MailEvent.Builder changed(Mailbox m, List<MessageState> updated, long modseq) {
    return MailEvent.newBuilder()
        .setFlagsChanged(
            FlagsChanged.newBuilder()
                .setMailbox(Outbox.pointer(m))
                .addAllUids(updated.stream().map(s -> (int) s.uid()).toList())
                .setModseq(modseq));
  }

  private Uni<List<Long>> modified(
      Mutiny.Session session, Mailbox m, UidSet uids, long unchangedSince) {
    List<Object> params = Sql.params(m.id(), unchangedSince);
    String inSet = UidSetSql.condition(uids, params, "$1");
    return Sql.rows(
            session,
            "select mm.uid from mailbox_message mm where mm.mailbox_id = $1 and mm.modseq > $2"
                + " and "
                + inSet
                + " order by mm.uid",
            params)
        .map(
            rows -> {
              List<Long> result = new ArrayList<>();
              rows.forEach(r -> result.add(r.getLong(0)));
              return result;
            });
  }
}
