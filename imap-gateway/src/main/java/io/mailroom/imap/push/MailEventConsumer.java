package io.mailroom.imap.push;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mailroom.store.api.v1.MailEvent;
import io.mailroom.store.api.v1.MailboxPointer;
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
    MailEvent event;
    try {
      event = MailEvent.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      LOG.debugf("ignoring an unreadable mail event: %s", e.getMessage());
      return;
    }
    registry.changed(event.getUsername(), mailboxOf(event));
  }

  static long mailboxOf(MailEvent event) {
    MailboxPointer pointer =
        switch (event.getEventCase()) {
          case MESSAGE_DELIVERED -> event.getMessageDelivered().getMailbox();
          case MESSAGE_APPENDED -> event.getMessageAppended().getMailbox();
          case FLAGS_CHANGED -> event.getFlagsChanged().getMailbox();
          case MESSAGES_EXPUNGED -> event.getMessagesExpunged().getMailbox();
          case MAILBOX_DELETED -> event.getMailboxDeleted().getMailbox();
          case MAILBOX_RENAMED -> event.getMailboxRenamed().getMailbox();
          default -> null;
        };
    return pointer == null ? -1 : pointer.getMailboxId();
  }
}
