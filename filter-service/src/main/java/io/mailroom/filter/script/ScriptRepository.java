package io.mailroom.filter.script;

import io.mailroom.persistence.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;

/** The sieve_script table. Entities never leave this class: callers see {@link Script}. */
@ApplicationScoped
public class ScriptRepository {
  private final Transactions transactions;

  ScriptRepository(Transactions transactions) {
    this.transactions = transactions;
  }

  public Uni<List<Script>> list(String account) {
    return transactions.read(
        session ->
            session
                .createSelectionQuery(
                    "from SieveScriptEntity where account = :account order by name",
                    SieveScriptEntity.class)
                .setParameter("account", account)
                .getResultList()
                .map(found -> found.stream().map(SieveScriptEntity::toScript).toList()));
  }

  public Uni<Optional<Script>> find(String account, String name) {
    return transactions.read(
        session ->
            session
                .find(SieveScriptEntity.class, new SieveScriptEntity.Key(account, name))
                .map(found -> Optional.ofNullable(found).map(SieveScriptEntity::toScript)));
  }

  public Uni<Optional<Script>> active(String account, Direction direction) {
    return transactions.read(
        session ->
            session
                .createSelectionQuery(
                    "from SieveScriptEntity where account = :account and "
                        + SieveScriptEntity.activeAttribute(direction)
                        + " = true",
                    SieveScriptEntity.class)
                .setParameter("account", account)
                .getSingleResultOrNull()
                .map(found -> Optional.ofNullable(found).map(SieveScriptEntity::toScript)));
  }

  /**
   * Creates the script or replaces its content, bumping the version; refuses a new script past
   * {@code maxScripts}. Answers the stored script.
   */
  public Uni<Script> save(String account, String name, String content, int maxScripts) {
    return transactions.write(
        session ->
            // Locked, so concurrent saves each bump the version and an activation cannot slip
            // between reading the row and writing it back.
            lock(session, account, name)
                .flatMap(
                    existing -> {
                      if (existing != null) {
                        existing.replaceContent(content, OffsetDateTime.now());
                        return Uni.createFrom().item(existing);
                      }
                      return count(session, account)
                          .flatMap(
                              count -> {
                                if (count >= maxScripts) {
                                  return Uni.createFrom()
                                      .failure(
                                          new ScriptRejected(
                                              ScriptRejected.Kind.TOO_MANY,
                                              "an account may hold at most "
                                                  + maxScripts
                                                  + " scripts"));
                                }
                                var created =
                                    new SieveScriptEntity(
                                        account, name, content, OffsetDateTime.now());
                                return session.persist(created).replaceWith(created);
                              });
                    })
                .map(SieveScriptEntity::toScript));
  }

  /**
   * A statement, not {@code session.remove(entity)}: Hibernate Reactive 3.2 keeps an entity
   * delete's pending stage in a coordinator shared by every session (hibernate-reactive#1713), so
   * two concurrent removals of scripts swap continuations: one request goes on on the other's event
   * loop (HR000069) and the other never finishes.
   */
  public Uni<Boolean> delete(String account, String name) {
    return transactions.write(
        session ->
            session
                .createMutationQuery(
                    "delete from SieveScriptEntity where account = :account and name = :name")
                .setParameter("account", account)
                .setParameter("name", name)
                .executeUpdate()
                .map(deleted -> deleted > 0));
  }

  /** Makes {@code name} the one active script for the direction; null deactivates all. */
  public Uni<Boolean> activate(String account, String name, Direction direction) {
    var active = SieveScriptEntity.activeAttribute(direction);
    // Bulk updates, in this order: the partial unique index allows one active script per
    // direction, so the old one is cleared before the new one is set, in one transaction.
    return transactions.write(
        session ->
            session
                .createMutationQuery(
                    "update SieveScriptEntity set "
                        + active
                        + " = false where account = :account and "
                        + active
                        + " = true")
                .setParameter("account", account)
                .executeUpdate()
                .flatMap(
                    cleared -> {
                      if (name == null) {
                        return Uni.createFrom().item(true);
                      }
                      return session
                          .createMutationQuery(
                              "update SieveScriptEntity set "
                                  + active
                                  + " = true where account = :account and name = :name")
                          .setParameter("account", account)
                          .setParameter("name", name)
                          .executeUpdate()
                          .flatMap(
                              set ->
                                  set > 0
                                      ? Uni.createFrom().item(true)
                                      // Roll the clearing back: the named script does not exist.
                                      : Uni.createFrom().failure(notFound(name)));
                    }));
  }

  public Uni<Void> rename(String account, String from, String to) {
    return transactions.write(
        session ->
            session
                .find(SieveScriptEntity.class, new SieveScriptEntity.Key(account, to))
                .flatMap(
                    existing -> {
                      if (existing != null) {
                        return Uni.createFrom()
                            .failure(
                                new ScriptRejected(
                                    ScriptRejected.Kind.ALREADY_EXISTS,
                                    "a script named \"" + to + "\" already exists"));
                      }
                      // The name is part of the key, and an entity's key cannot change: an update.
                      return session
                          .createMutationQuery(
                              "update SieveScriptEntity set name = :to, updatedAt = :now"
                                  + " where account = :account and name = :from")
                          .setParameter("account", account)
                          .setParameter("from", from)
                          .setParameter("to", to)
                          .setParameter("now", OffsetDateTime.now())
                          .executeUpdate()
                          .flatMap(
                              renamed ->
                                  renamed > 0
                                      ? Uni.createFrom().voidItem()
                                      : Uni.createFrom().failure(notFound(from)));
                    }));
  }

  private static Uni<SieveScriptEntity> lock(Mutiny.Session session, String account, String name) {
    return session.find(
        SieveScriptEntity.class,
        new SieveScriptEntity.Key(account, name),
        LockModeType.PESSIMISTIC_WRITE);
  }

  private static Uni<Long> count(Mutiny.Session session, String account) {
    return session
        .createSelectionQuery(
            "select count(*) from SieveScriptEntity where account = :account", Long.class)
        .setParameter("account", account)
        .getSingleResult();
  }

  private static ScriptRejected notFound(String name) {
    return new ScriptRejected(ScriptRejected.Kind.NOT_FOUND, "no script named \"" + name + "\"");
  }
}
