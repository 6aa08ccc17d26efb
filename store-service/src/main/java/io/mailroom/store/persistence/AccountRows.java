package io.mailroom.store.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;

/** The account table, through its entity. */
@ApplicationScoped
public class AccountRows {

  /** One account as stored. */
  public record AccountRow(long id, String username, String passwordHash, OffsetDateTime created) {
    static AccountRow from(AccountEntity e) {
      return new AccountRow(e.id, e.username, e.passwordHash, e.createdAt);
    }
  }

  public Uni<Optional<AccountRow>> byUsername(Mutiny.Session session, String username) {
    return session
        .createSelectionQuery("from AccountEntity where username = :username", AccountEntity.class)
        .setParameter("username", username)
        .getSingleResultOrNull()
        .map(e -> Optional.ofNullable(e).map(AccountRow::from));
  }

  /** Empty when the username is taken. */
  public Uni<Optional<Long>> insert(Mutiny.Session session, String username, String hash) {
    return byUsername(session, username)
        .chain(
            existing -> {
              if (existing.isPresent()) {
                return Uni.createFrom().item(Optional.<Long>empty());
              }
              AccountEntity account = new AccountEntity();
              account.username = username;
              account.passwordHash = hash;
              account.createdAt = OffsetDateTime.now();
              // A concurrent insert of the same name fails the unique index, and the transaction.
              return session.persist(account).map(ignored -> Optional.of(account.id));
            });
  }

  public Uni<List<AccountRow>> all(Mutiny.Session session) {
    return session
        .createSelectionQuery("from AccountEntity order by username", AccountEntity.class)
        .getResultList()
        .map(list -> list.stream().map(AccountRow::from).toList());
  }

  public Uni<Boolean> updatePassword(Mutiny.Session session, String username, String hash) {
    return session
        .createMutationQuery(
            "update AccountEntity set passwordHash = :hash where username = :username")
        .setParameter("hash", hash)
        .setParameter("username", username)
        .executeUpdate()
        .map(n -> n == 1);
  }

  /** Deletes the account and everything it owns (the schema cascades); returns its id. */
  public Uni<Optional<Long>> delete(Mutiny.Session session, String username) {
    return session
        .createSelectionQuery("from AccountEntity where username = :username", AccountEntity.class)
        .setParameter("username", username)
        .getSingleResultOrNull()
        .chain(
            e ->
                e == null
                    ? Uni.createFrom().item(Optional.<Long>empty())
                    : session.remove(e).call(session::flush).map(ignored -> Optional.of(e.id)));
  }
}
