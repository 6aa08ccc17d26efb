package io.mailroom.store.events;

/** An outbox entry not yet published: its id, the account (the Kafka key) and the MailEvent. */
public record PendingEvent(long id, long accountId, byte[] event) {}
