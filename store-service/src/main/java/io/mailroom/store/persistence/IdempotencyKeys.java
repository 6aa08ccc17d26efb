package io.mailroom.store.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;

/** Replies remembered by idempotency key, per account. */
@ApplicationScoped
public class IdempotencyKeys {

  public Uni<Optional<byte[]>> find(Mutiny.Session session, long accountId, String key) {
    return session
        .find(IdempotencyKeyEntity.class, new IdempotencyKeyEntity.Key(accountId, key))
        .map(found -> Optional.ofNullable(found).map(e -> e.reply));
  }

  public Uni<Void> remember(Mutiny.Session session, long accountId, String key, byte[] reply) {
    IdempotencyKeyEntity remembered = new IdempotencyKeyEntity();
    remembered.accountId = accountId;
    remembered.key = key;
    remembered.reply = reply;
    remembered.createdAt = OffsetDateTime.now();
    return session.persist(remembered).call(session::flush);
  }
}
