package io.mailroom.imap.push;

import io.mailroom.store.client.events.MailEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads the store's events (each replica in its own consumer group, from the latest offset) and
 * passes them as hints to the sessions of the account; the sessions ask the store for the truth.
 */
@ApplicationScoped
public class MailEventConsumer {
  public static final String CHANNEL = "mail-events";
  private static final Logger LOG = Logger.getLogger(MailEventConsumer.class);

  private final SessionRegistry registry;

  MailEventConsumer(SessionRegistry registry) {
    this.registry = registry;
  }

  @Incoming(CHANNEL)
  public void consume(byte[] payload) {
    try {
      // A kind of event this build does not know is skipped: no session can act on it.
      MailEvents.decode(payload)
          .ifPresent(event -> registry.changed(event.username(), event.change().mailbox().id()));
    } catch (MailEvents.UnreadableEvent e) {
      LOG.debugf("ignoring an unreadable mail event: %s", e.getMessage());
    }
  }
}
