package io.mailroom.store.delivery;

import io.smallrye.mutiny.Uni;

/**
 * Delivery into a recipient's INBOX: the one ingest path for LMTP and the admin REST API (same MIME
 * parse, same outbox event, so filters run on every delivered message).
 */
public interface MailDelivery {

  /** Whether the address (or bare username) names a local account; LMTP's RCPT check. */
  Uni<Boolean> acceptsRecipient(String address);

  /** Delivers to one recipient. Never fails the Uni for a per-recipient problem: see outcome. */
  Uni<RecipientOutcome> deliver(DeliveryRequest request);

  /** The largest message the store accepts, in octets (LMTP SIZE, 552 beyond it). */
  long maxMessageSize();
}
