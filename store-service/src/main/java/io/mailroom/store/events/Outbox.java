package io.mailroom.store.events;

import io.mailroom.store.account.Account;
import io.mailroom.store.api.v1.MailEvent;
import io.mailroom.store.api.v1.MailboxCreated;
import io.mailroom.store.api.v1.MailboxPointer;
import io.mailroom.store.mailbox.Mailbox;
import io.mailroom.store.persistence.OutboxRows;
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
  private final OutboxRows rows;

  Outbox(OutboxRows rows) {
    this.rows = rows;
  }

  public Uni<Void> write(Mutiny.Session session, Account account, MailEvent.Builder event) {
    MailEvent complete =
        event
            .setEventId(UUID.randomUUID().toString())
            .setAccountId(account.id())
            .setUsername(account.username())
            .setOccurredAtEpochMs(System.currentTimeMillis())
            .build();
    return rows.insert(session, account.id(), complete.toByteArray());
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
