package io.mailroom.store.persistence;

import io.mailroom.store.account.AccountDetails;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;

/** The account table, through its entity, and the storage an account's messages take. */
@ApplicationScoped
public class AccountRows {
  /** Class id of the advisory lock that serialises the quota checks of one account. */
  private static final int USAGE_LOCK = 0x71756f74;

  public Uni<Optional<AccountDetails>> byUsername(Mutiny.Session session, String username) {
    return session
        .createSelectionQuery("from AccountEntity where username = :username", AccountEntity.class)
        .setParameter("username", username)
        .getSingleResultOrNull()
        .map(e -> Optional.ofNullable(e).map(AccountRows::details));
  }

  /** Empty when the username is taken. */
  public Uni<Optional<Long>> insert(
      Mutiny.Session session, String username, String hash, Long quotaBytes) {
    return byUsername(session, username)
        .chain(
            existing -> {
              if (existing.isPresent()) {
                return Uni.createFrom().item(Optional.<Long>empty());
              }
              AccountEntity account = new AccountEntity();
              account.username = username;
              account.passwordHash = hash;
              account.quotaBytes = quotaBytes;
              account.createdAt = OffsetDateTime.now();
              // A concurrent insert of the same name fails the unique index, and the transaction.
              return session.persist(account).map(ignored -> Optional.of(account.id));
            });
  }

  public Uni<List<AccountDetails>> all(Mutiny.Session session) {
    return session
        .createSelectionQuery("from AccountEntity order by username", AccountEntity.class)
        .getResultList()
        .map(list -> list.stream().map(AccountRows::details).toList());
  }

  public Uni<Boolean> updatePassword(Mutiny.Session session, String username, String hash) {
    return update(session, username, "passwordHash", hash);
  }

  public Uni<Boolean> updateQuota(Mutiny.Session session, String username, Long quotaBytes) {
    return update(session, username, "quotaBytes", quotaBytes);
  }

  /** Sets one attribute (named by this class, never by a caller); false for an unknown account. */
  private static Uni<Boolean> update(
      Mutiny.Session session, String username, String attribute, Object value) {
    return session
        .createMutationQuery(
            "update AccountEntity set " + attribute + " = :value where username = :username")
        .setParameter("value", value)
        .setParameter("username", username)
        .executeUpdate()
        .map(n -> n == 1);
  }

  /** The account's storage limit in octets; empty when unlimited. */
  public Uni<Optional<Long>> quotaBytes(Mutiny.Session session, long accountId) {
    return session
        .createSelectionQuery("select quotaBytes from AccountEntity where id = :id", Long.class)
        .setParameter("id", accountId)
        .getSingleResultOrNull()
        .map(Optional::ofNullable);
  }

  /**
   * Waits until no other transaction checks this account's quota, and keeps the turn until this one
   * ends: without it, two messages stored into two mailboxes at once could each fit alone. Take it
   * after the mailbox locks, as every caller does, so that the lock order is the same everywhere.
   */
  public Uni<Void> lockUsage(Mutiny.Session session, long accountId) {
    // The two-key form: its keys never meet the single-key advisory locks (the outbox relay's).
    return Sql.rows(
            session,
            "select 1 from pg_advisory_xact_lock($1, ($2 % 2147483648)::int)",
            USAGE_LOCK,
            accountId)
        .replaceWithVoid();
  }

  /**
   * Octets the account's messages take: the sum of their sizes over all its mailboxes, a copy
   * counted in each mailbox it is in. One pass over the account's messages.
   */
  public Uni<Long> usedBytes(Mutiny.Session session, long accountId) {
    return Sql.row(
            session,
            "select coalesce(sum(c.size), 0)::bigint from mailbox m"
                + " join mailbox_message mm on mm.mailbox_id = m.id"
                + " join content c on c.id = mm.content_id where m.account_id = $1",
            accountId)
        .map(row -> row.orElseThrow().getLong(0));
  }

  /**
   * Deletes the account and everything it owns (the schema cascades); returns its id.
   *
   * <p>A statement, not {@code session.remove(entity)}: Hibernate Reactive 3.2 keeps an entity
   * delete's pending stage in a coordinator shared by every session (hibernate-reactive#1713), so
   * two concurrent removals of accounts swap continuations: one request goes on on the other's
   * event loop (HR000069) and the other never finishes.
   */
  public Uni<Optional<Long>> delete(Mutiny.Session session, String username) {
    return session
        .createSelectionQuery("select id from AccountEntity where username = :username", Long.class)
        .setParameter("username", username)
        .getSingleResultOrNull()
        .chain(
            id ->
                id == null
                    ? Uni.createFrom().item(Optional.<Long>empty())
                    : session
                        .createMutationQuery("delete from AccountEntity where id = :id")
                        .setParameter("id", id)
                        .executeUpdate()
                        .map(deleted -> deleted > 0 ? Optional.of(id) : Optional.<Long>empty()));
  }

  private static AccountDetails details(AccountEntity e) {
    return new AccountDetails(e.id, e.username, e.passwordHash, e.createdAt, e.quotaBytes);
  }
}
