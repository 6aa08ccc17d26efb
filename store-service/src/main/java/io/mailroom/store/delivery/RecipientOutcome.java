package io.mailroom.store.delivery;

/**
 * The result of delivering to one recipient, in SMTP terms so LMTP can answer it as is.
 *
 * @param reply e.g. "250 2.0.0 <id> delivered", "552 5.2.2 <bob@example.org> Mailbox is full", "550
 *     5.1.1 no such user"
 */
public record RecipientOutcome(String recipient, boolean delivered, String reply) {}
