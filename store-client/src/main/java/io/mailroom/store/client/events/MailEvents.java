package io.mailroom.store.client.events;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mailroom.store.client.events.MailChange.FlagsChanged;
import io.mailroom.store.client.events.MailChange.MailboxCreated;
import io.mailroom.store.client.events.MailChange.MailboxDeleted;
import io.mailroom.store.client.events.MailChange.MailboxRenamed;
import io.mailroom.store.client.events.MailChange.MessageAppended;
import io.mailroom.store.client.events.MailChange.MessageDelivered;
import io.mailroom.store.client.events.MailChange.MessagesExpunged;
import io.mailroom.store.client.events.MailChange.Source;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads the store's event records (store-api's events.proto) into {@link MailEvent}s. */
public final class MailEvents {
  private MailEvents() {}

  /**
   * The event in a record's value; empty for a kind of event this build does not know (a newer
   * store may add some: they are skipped, not failed).
   *
   * @throws UnreadableEvent when the bytes are not a MailEvent at all
   */
  public static Optional<MailEvent> decode(byte[] payload) {
    io.mailroom.store.api.v1.MailEvent event;
    try {
      event = io.mailroom.store.api.v1.MailEvent.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new UnreadableEvent(e);
    }
    return change(event)
        .map(
            change ->
                new MailEvent(
                    event.getEventId(),
                    event.getAccountId(),
                    event.getUsername(),
                    Instant.ofEpochMilli(event.getOccurredAtEpochMs()),
                    change));
  }

  private static Optional<MailChange> change(io.mailroom.store.api.v1.MailEvent event) {
    MailChange change =
        switch (event.getEventCase()) {
          case MESSAGE_DELIVERED -> {
            var d = event.getMessageDelivered();
            yield new MessageDelivered(
                pointer(d.getMailbox()),
                Integer.toUnsignedLong(d.getUid()),
                d.getModseq(),
                d.getEmailId(),
                d.getMailFrom(),
                d.getRecipient());
          }
          case MESSAGE_APPENDED -> {
            var a = event.getMessageAppended();
            yield new MessageAppended(
                pointer(a.getMailbox()),
                uids(a.getUidsList()),
                a.getModseq(),
                a.getEmailIdsList(),
                source(a.getSource()));
          }
          case FLAGS_CHANGED -> {
            var f = event.getFlagsChanged();
            yield new FlagsChanged(pointer(f.getMailbox()), uids(f.getUidsList()), f.getModseq());
          }
          case MESSAGES_EXPUNGED -> {
            var x = event.getMessagesExpunged();
            yield new MessagesExpunged(
                pointer(x.getMailbox()), uids(x.getUidsList()), x.getModseq());
          }
          case MAILBOX_CREATED ->
              new MailboxCreated(pointer(event.getMailboxCreated().getMailbox()));
          case MAILBOX_DELETED ->
              new MailboxDeleted(pointer(event.getMailboxDeleted().getMailbox()));
          case MAILBOX_RENAMED ->
              new MailboxRenamed(
                  pointer(event.getMailboxRenamed().getMailbox()),
                  event.getMailboxRenamed().getOldName());
          case EVENT_NOT_SET -> null;
        };
    return Optional.ofNullable(change);
  }

  private static MailboxPointer pointer(io.mailroom.store.api.v1.MailboxPointer pointer) {
    return new MailboxPointer(
        pointer.getMailboxId(),
        pointer.getName(),
        Integer.toUnsignedLong(pointer.getUidValidity()),
        pointer.getSpecialUse());
  }

  private static List<Long> uids(List<Integer> uids) {
    return uids.stream().map(Integer::toUnsignedLong).toList();
  }

  /** The store writes "append", "copy" or "move"; stores before the field existed wrote nothing. */
  private static Source source(String source) {
    return switch (source) {
      case "", "append" -> Source.APPEND;
      case "copy" -> Source.COPY;
      case "move" -> Source.MOVE;
      default -> Source.OTHER;
    };
  }

  /** A record whose value is not a MailEvent. */
  public static final class UnreadableEvent extends IllegalArgumentException {
    UnreadableEvent(Throwable cause) {
      super("not a MailEvent: " + cause.getMessage(), cause);
    }
  }
}
