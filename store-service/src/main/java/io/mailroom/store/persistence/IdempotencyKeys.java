package io.mailroom.store.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Replies remembered by idempotency key, per account. */
@ApplicationScoped
public class IdempotencyKeys {

  public Uni<Optional<byte[]>> find(SqlClient sql, long accountId, String key) {
    return sql.preparedQuery("select reply from idempotency_key where account_id = $1 and key = $2")
        .execute(Tuple.of(accountId, key))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getBuffer(0).getBytes()));
  }

  public Uni<Void> remember(SqlClient sql, long accountId, String key, byte[] reply) {
    return sql.preparedQuery(
            "insert into idempotency_key (account_id, key, reply) values ($1, $2, $3)")
        .execute(Tuple.of(accountId, key, Buffer.buffer(reply)))
        .replaceWithVoid();
  }
}
