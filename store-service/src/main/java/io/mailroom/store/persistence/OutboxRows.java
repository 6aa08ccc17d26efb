package io.mailroom.store.persistence;

import io.mailroom.store.events.PendingEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** The outbox table: events written in their change's transaction, and their relay's reads. */
@ApplicationScoped
public class OutboxRows {
  /** The channel NOTIFY wakes the relays on when an event commits. */
  public static final String WAKEUP_CHANNEL = "mailroom_outbox";

  private static final long RELAY_LOCK = 0x6d61696c726f6fL;

  /**
   * Writes an event. One statement, because callers hold the mailbox lock: the insert and the
   * NOTIFY, which is delivered at commit (and dropped on rollback) and wakes the relays.
   */
  public Uni<Void> insert(Mutiny.Session session, long accountId, byte[] event) {
    return Sql.execute(
            session,
            "with entry as (insert into outbox (account_id, event) values ($1, $2) returning id)"
                + " select 1 from entry, pg_notify('"
                + WAKEUP_CHANNEL
                + "', '')",
            accountId,
            event)
        .replaceWithVoid();
  }

  /**
   * Takes the relay's turn for this transaction, if no other relay (on any replica) has it: one
   * relay at a time keeps each account's events in order.
   */
  public Uni<Boolean> tryRelayLock(Mutiny.Session session) {
    return Sql.row(session, "select pg_try_advisory_xact_lock($1)", RELAY_LOCK)
        .map(locked -> locked.orElseThrow().getBoolean(0));
  }

  /** Unsent events in id order, at most limit. */
  public Uni<List<PendingEvent>> unsent(Mutiny.Session session, int limit) {
    return Sql.rows(
            session,
            "select id, account_id, event from outbox where sent_at is null order by id limit $1",
            limit)
        .map(
            rows -> {
              List<PendingEvent> pending = new ArrayList<>(rows.size());
              for (SqlRow row : rows) {
                pending.add(new PendingEvent(row.getLong(0), row.getLong(1), row.getBytes(2)));
              }
              return pending;
            });
  }

  public Uni<Void> markSent(Mutiny.Session session, List<Long> ids) {
    return Sql.execute(
            session,
            "update outbox set sent_at = now() where id = any($1::bigint[])",
            (Object) ids.toArray(Long[]::new))
        .replaceWithVoid();
  }
}
