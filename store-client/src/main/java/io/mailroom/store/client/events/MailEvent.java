package io.mailroom.store.client.events;

import java.time.Instant;

/**
 * One record of the store's topic "mailroom.mail-events" (keyed by account, so one account's events
 * arrive in order). {@code eventId} is what consumers key their idempotency on.
 */
public record MailEvent(
    String eventId, long accountId, String username, Instant occurredAt, MailChange change) {}
