package io.mailroom.store.events;

import io.mailroom.store.api.v1.MailEvent;
import io.mailroom.store.api.v1.MailboxPointer;
import io.mailroom.store.domain.Account;
import io.mailroom.store.persistence.MailboxRow;
import io.mailroom.store.persistence.OutboxEntry;
import io.mailroom.store.persistence.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Writes a change's MailEvent in the change's own transaction, so an event exists exactly when the
 * change does. {@link OutboxRelay} publishes it later.
 */
@ApplicationScoped
public class Outbox {

  public Uni<Void> write(Mutiny.Session session, Account account, MailEvent.Builder event) {
    MailEvent complete =
        event
            .setEventId(UUID.randomUUID().toString())
            .setAccountId(account.id())
            .setUsername(account.username())
            .setOccurredAtEpochMs(System.currentTimeMillis())
            .build();
    OutboxEntry entry = new OutboxEntry();
    entry.accountId = account.id();
    entry.event = complete.toByteArray();
    entry.createdAt = OffsetDateTime.now();
    // The NOTIFY is delivered at commit (and dropped on rollback): it wakes the relays.
    return session
        .persist(entry)
        .chain(
            () ->
                Sql.execute(session, "select 1 from pg_notify('" + OutboxWakeup.CHANNEL + "', '')"))
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
