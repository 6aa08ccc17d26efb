package io.mailroom.store.delivery;

/**
 * What became of a message for one recipient. A protocol adapter words it (LMTP's reply writer,
 * {@code lmtp/response/RecipientReply}); the domain never does.
 */
public sealed interface RecipientOutcome {

  /** The recipient as the MTA named it (RCPT TO). */
  String recipient();

  default boolean delivered() {
    return this instanceof Delivered;
  }

  /** Stored in the recipient's INBOX under this immutable email id. */
  record Delivered(String recipient, String emailId) implements RecipientOutcome {}

  /** No account has this address or username. */
  record NoSuchUser(String recipient) implements RecipientOutcome {}

  /** The account's storage quota has no room for the message (permanent, as Dovecot says it). */
  record OverQuota(String recipient) implements RecipientOutcome {}

  /** Larger than the store accepts. */
  record TooBig(String recipient) implements RecipientOutcome {}

  /** Anything else went wrong; the MTA should try again later. */
  record TemporaryFailure(String recipient) implements RecipientOutcome {}
}
