package io.mailroom.filter.execution;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/** The processed_event and filter_audit tables. */
@ApplicationScoped
public class AuditLog {
  private static final String SEPARATOR = "\n";

  private final Pool pool;

  AuditLog(Pool pool) {
    this.pool = pool;
  }

  /** A stored plan and whether it was carried out. */
  public record Processed(boolean done, String plan) {}

  public Uni<Optional<Processed>> processed(String eventId) {
    return pool.preparedQuery("select state, plan from processed_event where event_id = $1")
        .execute(Tuple.of(eventId))
        .map(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Optional.<Processed>empty();
              }
              var row = rows.iterator().next();
              return Optional.of(
                  new Processed("done".equals(row.getString("state")), row.getString("plan")));
            });
  }

  /** Stores the plan before acting; a plan already there (a concurrent replica) wins. */
  public Uni<String> savePlan(String eventId, String account, String plan) {
    return pool.preparedQuery(
            "insert into processed_event (event_id, account, state, plan)"
                + " values ($1, $2, 'planned', $3) on conflict (event_id) do nothing")
        .execute(Tuple.of(eventId, account, plan))
        .flatMap(
            inserted ->
                inserted.rowCount() > 0
                    ? Uni.createFrom().item(plan)
                    : processed(eventId).map(found -> found.map(Processed::plan).orElse(plan)));
  }

  /** Writes the audit records and marks the event done, in one transaction. */
  public Uni<Void> complete(EventPlan plan, List<MessageOutcome> outcomes) {
    return pool.withTransaction(
        tx ->
            Multi.createFrom()
                .iterable(outcomes)
                .onItem()
                .transformToUniAndConcatenate(outcome -> insert(tx, plan, outcome))
                .collect()
                .last()
                .flatMap(
                    ignored ->
                        tx.preparedQuery(
                                "insert into processed_event (event_id, account, state, plan)"
                                    + " values ($1, $2, 'done', '') on conflict (event_id) do"
                                    + " update set state = 'done', updated_at = now()")
                            .execute(Tuple.of(plan.eventId(), plan.account())))
                .replaceWithVoid());
  }

  /** Audits something that happened outside a plan (no script run, e.g. a failed fetch). */
  public Uni<Void> record(EventPlan plan, MessageOutcome outcome) {
    return pool.withTransaction(tx -> insert(tx, plan, outcome));
  }

  private static Uni<Void> insert(SqlClient tx, EventPlan plan, MessageOutcome outcome) {
    return tx.preparedQuery(
            "insert into filter_audit (event_id, account, mailbox, uid, script_name,"
                + " script_version, actions, outcome, reason) values"
                + " ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id")
        .execute(
            Tuple.from(
                Arrays.asList(
                    plan.eventId(),
                    plan.account(),
                    plan.mailbox(),
                    (long) outcome.uid(),
                    plan.scriptName(),
                    plan.scriptVersion(),
                    String.join(SEPARATOR, outcome.actions()),
                    outcome.outcome(),
                    outcome.reason())))
        .flatMap(
            rows -> {
              var id = rows.iterator().next().getLong(0);
              if (outcome.locations().isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              var batch = new ArrayList<Tuple>();
              for (var location : outcome.locations()) {
                batch.add(Tuple.of(id, plan.account(), location.mailbox(), location.uid()));
              }
              return tx.preparedQuery(
                      "insert into filter_audit_location (audit_id, account, mailbox, uid)"
                          + " values ($1, $2, $3, $4)")
                  .executeBatch(batch)
                  .replaceWithVoid();
            });
  }

  /**
   * Audit records for an account, newest first: those where the message now is in {@code
   * mailbox}/{@code uid} (or came from there), or all when both are null.
   */
  public Uni<List<AuditEntry>> find(String account, String mailbox, Long uid, int limit) {
    var sql =
        new StringBuilder(
            "select a.id, a.event_id, a.account, a.mailbox, a.uid, a.script_name,"
                + " a.script_version, a.actions, a.outcome, a.reason, a.created_at,"
                + " l.mailbox as l_mailbox, l.uid as l_uid from filter_audit a"
                + " left join filter_audit_location l on l.audit_id = a.id"
                + " where a.id in (select a2.id from filter_audit a2"
                + " left join filter_audit_location l2 on l2.audit_id = a2.id"
                + " where a2.account = $1");
    var params = new ArrayList<Object>();
    params.add(account);
    if (mailbox != null && uid != null) {
      params.add(mailbox);
      params.add(uid);
      sql.append(" and ((l2.mailbox = $2 and l2.uid = $3) or (a2.mailbox = $2 and a2.uid = $3))");
    } else if (mailbox != null) {
      params.add(mailbox);
      sql.append(" and (l2.mailbox = $2 or a2.mailbox = $2)");
    } else if (uid != null) {
      params.add(uid);
      sql.append(" and (l2.uid = $2 or a2.uid = $2)");
    }
    sql.append(" order by a2.id desc limit ").append(limit).append(") order by a.id desc");
    return pool.preparedQuery(sql.toString())
        .execute(Tuple.from(params))
        .map(
            rows -> {
              var entries = new LinkedHashMap<Long, AuditEntry>();
              for (var row : rows) {
                var entry =
                    entries.computeIfAbsent(
                        row.getLong("id"),
                        id ->
                            new AuditEntry(
                                row.getString("event_id"),
                                row.getString("account"),
                                row.getString("mailbox"),
                                row.getLong("uid"),
                                row.getString("script_name"),
                                row.getInteger("script_version"),
                                List.of(row.getString("actions").split(SEPARATOR)),
                                row.getString("outcome"),
                                row.getString("reason"),
                                row.getOffsetDateTime("created_at"),
                                new ArrayList<>()));
                if (row.getString("l_mailbox") != null) {
                  entry
                      .locations()
                      .add(
                          new MessageOutcome.Location(
                              row.getString("l_mailbox"), row.getLong("l_uid")));
                }
              }
              return List.copyOf(entries.values());
            });
  }
}
