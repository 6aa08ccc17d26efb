package io.mailroom.store.events;

import io.mailroom.store.api.v1.MailEvent;
import io.mailroom.store.api.v1.MailboxPointer;
import io.mailroom.store.domain.Account;
import io.mailroom.store.persistence.MailboxRow;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Writes a change's MailEvent in the change's own transaction, so an event exists exactly when the
 * change does. {@link OutboxRelay} publishes it later.
 */
@ApplicationScoped
public class Outbox {

  public Uni<Void> write(SqlClient sql, Account account, MailEvent.Builder event) {
    MailEvent complete =
        event
            .setEventId(UUID.randomUUID().toString())
            .setAccountId(account.id())
            .setUsername(account.username())
            .setOccurredAtEpochMs(System.currentTimeMillis())
            .build();
    // The NOTIFY is delivered at commit (and dropped on rollback): it wakes the relays.
    return sql.preparedQuery(
            "with row as (insert into outbox (account_id, event) values ($1, $2) returning id)"
                + " select pg_notify('"
                + OutboxWakeup.CHANNEL
                + "', '') from row")
        .execute(Tuple.of(account.id(), Buffer.buffer(complete.toByteArray())))
        .replaceWithVoid();
  }

  public static MailboxPointer pointer(MailboxRow mailbox) {
    return MailboxPointer.newBuilder()
        .setMailboxId(mailbox.id())
        .setName(mailbox.name())
        .setUidValidity((int) mailbox.uidValidity())
        .setSpecialUse(mailbox.specialUse() == null ? "" : mailbox.specialUse())
        .build();
  }
}
