package io.mailroom.store.events;

import io.mailroom.store.account.Account;
import io.mailroom.store.api.v1.MailEvent;
import io.mailroom.store.api.v1.MailboxCreated;
import io.mailroom.store.api.v1.MailboxPointer;
import io.mailroom.store.mailbox.Mailbox;
import io.mailroom.store.persistence.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
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
    // One statement, because callers hold the mailbox lock: the insert and the NOTIFY, which is
    // delivered at commit (and dropped on rollback) and wakes the relays.
    return Sql.execute(
            session,
            "with entry as (insert into outbox (account_id, event) values ($1, $2) returning id)"
                + " select 1 from entry, pg_notify('"
                + OutboxWakeup.CHANNEL
                + "', '')",
            account.id(),
            complete.toByteArray())
        .replaceWithVoid();
  }

  public static MailEvent.Builder mailboxCreated(Mailbox mailbox) {
    return MailEvent.newBuilder()
        .setMailboxCreated(MailboxCreated.newBuilder().setMailbox(pointer(mailbox)));
  }

  public static MailboxPointer pointer(Mailbox mailbox) {
    return MailboxPointer.newBuilder()
        .setMailboxId(mailbox.id())
        .setName(mailbox.name())
        .setUidValidity((int) mailbox.uidValidity())
        .setSpecialUse(mailbox.specialUse() == null ? "" : mailbox.specialUse())
        .build();
  }
}
