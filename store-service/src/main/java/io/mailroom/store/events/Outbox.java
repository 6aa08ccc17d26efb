package io.mailroom.store.events;

import io.mailroom.store.api.v1.MailEvent;
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

  /** Whose mail changed: the event's key and username. */
  public interface Owner {
    long id();

    String username();
  }

  private final OutboxRows rows;

  Outbox(OutboxRows rows) {
    this.rows = rows;
  }

  /** Records a change of the account's mail; call it in the change's transaction. */
  public Uni<Void> write(Mutiny.Session session, Owner account, MailChange change) {
    MailEvent event =
        MailEvents.of(change)
            .setEventId(UUID.randomUUID().toString())
            .setAccountId(account.id())
            .setUsername(account.username())
            .setOccurredAtEpochMs(System.currentTimeMillis())
            .build();
    return rows.insert(session, account.id(), event.toByteArray());
  }
}
