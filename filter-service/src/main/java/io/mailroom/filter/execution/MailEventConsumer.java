package io.mailroom.filter.execution;

import io.mailroom.filter.config.FilterConfig;
import io.mailroom.store.client.events.MailEvent;
import io.mailroom.store.client.events.MailEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes mailroom.mail-events (consumer group filter-service). One record at a time, so one
 * account's events (one key, one partition) are filtered in order. The record is acknowledged only
 * after its actions are durable and audited; offsets follow acknowledgements, so a crash
 * redelivers. An event that keeps failing (the store stays unavailable) is nacked, which sends it
 * to the dead-letter topic with the reason, and consumption goes on; so is a record that is no
 * MailEvent at all. A kind of event this build does not know is acknowledged and skipped.
 */
@ApplicationScoped
public class MailEventConsumer {
  public static final String CHANNEL = "mail-events";
  private static final Logger LOG = Logger.getLogger(MailEventConsumer.class);

  private final EventProcessor processor;
  private final FilterConfig config;

  MailEventConsumer(EventProcessor processor, FilterConfig config) {
    this.processor = processor;
    this.config = config;
  }

  @Incoming(CHANNEL)
  public Uni<Void> consume(Message<byte[]> record) {
    Optional<MailEvent> decoded;
    try {
      decoded = MailEvents.decode(record.getPayload());
    } catch (MailEvents.UnreadableEvent e) {
      return Uni.createFrom().completionStage(record.nack(e));
    }
    if (decoded.isEmpty()) {
      return Uni.createFrom().completionStage(record.ack());
    }
    var event = decoded.get();
    var execution = config.execution();
    return processor
        .process(event)
        .onFailure()
        .retry()
        .withBackOff(execution.initialBackoff(), execution.maxBackoff())
        .atMost(execution.retries())
        .onItemOrFailure()
        .transformToUni(
            (done, failure) -> {
              if (failure == null) {
                return Uni.createFrom().completionStage(record.ack());
              }
              LOG.warnf(
                  "event %s goes to the dead-letter topic: %s",
                  event.eventId(), failure.getMessage());
              return Uni.createFrom().completionStage(record.nack(failure));
            });
  }
}
