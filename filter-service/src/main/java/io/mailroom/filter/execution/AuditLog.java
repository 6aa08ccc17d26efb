package io.mailroom.filter.execution;

import io.mailroom.persistence.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;

/** The processed_event and filter_audit tables. */
@ApplicationScoped
public class AuditLog {
  private final Transactions transactions;

  AuditLog(Transactions transactions) {
    this.transactions = transactions;
  }

  /** A stored plan and whether it was carried out. */
  public record Processed(boolean done, String plan) {}

  public Uni<Optional<Processed>> processed(String eventId) {
    return transactions.read(
        session ->
            session
                .find(ProcessedEventEntity.class, eventId)
                .map(found -> Optional.ofNullable(found).map(ProcessedEventEntity::toProcessed)));
  }

  /** Stores the plan before acting; a plan already there (a concurrent replica) wins. */
  public Uni<String> savePlan(String eventId, String account, String plan) {
    // "on conflict do nothing" rather than find-then-persist: two replicas planning the same event
    // at once must both end up with the first plan, not with a key violation.
    return transactions.write(
        session ->
            session
                .createMutationQuery(
                    "insert into ProcessedEventEntity (eventId, account, state, plan, updatedAt)"
                        + " values (:eventId, :account, :planned, :plan, :now)"
                        + " on conflict (eventId) do nothing")
                .setParameter("eventId", eventId)
                .setParameter("account", account)
                .setParameter("planned", ProcessedEventEntity.PLANNED)
                .setParameter("plan", plan)
                .setParameter("now", OffsetDateTime.now())
                .executeUpdate()
                .flatMap(
                    inserted ->
                        inserted > 0
                            ? Uni.createFrom().item(plan)
                            : session
                                .find(ProcessedEventEntity.class, eventId)
                                .map(found -> found == null ? plan : found.toProcessed().plan())));
  }

  /** Writes the audit records and marks the event done, in one transaction. */
  public Uni<Void> complete(EventPlan plan, List<MessageOutcome> outcomes) {
    return transactions.write(
        session -> {
          var now = OffsetDateTime.now();
          var records =
              outcomes.stream().map(outcome -> new FilterAuditEntity(plan, outcome, now)).toList();
          return session
              .persistAll(records.toArray())
              .chain(() -> markDone(session, plan, now))
              .replaceWithVoid();
        });
  }

  /** Audits something that happened outside a plan (no script run, e.g. a failed fetch). */
  public Uni<Void> record(EventPlan plan, MessageOutcome outcome) {
    return transactions.write(
        session -> session.persist(new FilterAuditEntity(plan, outcome, OffsetDateTime.now())));
  }

  /**
   * An upsert, so an event whose plan row is missing (or was written by another replica) ends done.
   */
  private static Uni<Integer> markDone(Mutiny.Session session, EventPlan plan, OffsetDateTime now) {
    return session
        .createMutationQuery(
            "insert into ProcessedEventEntity (eventId, account, state, plan, updatedAt)"
                + " values (:eventId, :account, :done, '', :now)"
                + " on conflict (eventId) do update set state = :done, updatedAt = :now")
        .setParameter("eventId", plan.eventId())
        .setParameter("account", plan.account())
        .setParameter("done", ProcessedEventEntity.DONE)
        .setParameter("now", now)
        .executeUpdate();
  }

  /**
   * Audit records for an account, newest first: those where the message now is in {@code
   * mailbox}/{@code uid} (or came from there), or all when both are null.
   */
  public Uni<List<AuditEntry>> find(String account, String mailbox, Long uid, int limit) {
    // The limit counts audit records, so the newest ones are chosen first, then fetched with
    // their locations.
    var newest =
        new StringBuilder("select m.id from FilterAuditEntity m where m.account = :account");
    if (mailbox != null || uid != null) {
      newest
          .append(" and (")
          .append(place("m", mailbox, uid))
          .append(" or exists (select 1 from m.locations l where l.account = :account and ")
          .append(place("l", mailbox, uid))
          .append("))");
    }
    newest.append(" order by m.id desc limit :limit");
    return transactions.read(
        session -> {
          var query =
              session
                  .createSelectionQuery(
                      "from FilterAuditEntity a left join fetch a.locations where a.id in ("
                          + newest
                          + ") order by a.id desc",
                      FilterAuditEntity.class)
                  .setParameter("account", account)
                  .setParameter("limit", limit);
          if (mailbox != null) {
            query.setParameter("mailbox", mailbox);
          }
          if (uid != null) {
            query.setParameter("uid", uid);
          }
          return query
              .getResultList()
              .map(found -> found.stream().map(FilterAuditEntity::toEntry).toList());
        });
  }

  /** The HQL condition "{@code alias} is at mailbox/uid", for whichever of the two is given. */
  private static String place(String alias, String mailbox, Long uid) {
    if (mailbox != null && uid != null) {
      return "(" + alias + ".mailbox = :mailbox and " + alias + ".uid = :uid)";
    }
    return mailbox != null ? alias + ".mailbox = :mailbox" : alias + ".uid = :uid";
  }
}
