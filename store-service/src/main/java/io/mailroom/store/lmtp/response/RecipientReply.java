package io.mailroom.store.lmtp.response;

import io.mailroom.store.delivery.RecipientOutcome;

/**
 * The reply after DATA for one recipient (RFC 2033 4.2): the only place a delivery's outcome is
 * worded in SMTP terms.
 */
public final class RecipientReply {
  private RecipientReply() {}

  public static Reply of(RecipientOutcome outcome) {
    // Java 17 has no switch over a sealed type; the chain lists every permitted record.
    if (outcome instanceof RecipientOutcome.Delivered d) {
      return Reply.of(250, "2.0.0", "<" + d.emailId() + "> delivered");
    }
    if (outcome instanceof RecipientOutcome.NoSuchUser) {
      return Reply.of(550, "5.1.1", "no such user here");
    }
    if (outcome instanceof RecipientOutcome.OverQuota q) {
      // Dovecot's reply with quota_full_tempfail=no: permanent, so the MTA bounces at once.
      return Reply.of(552, "5.2.2", "<" + q.recipient() + "> Mailbox is full");
    }
    if (outcome instanceof RecipientOutcome.TooBig) {
      return Reply.of(552, "5.3.4", "message too big");
    }
    return Reply.of(451, "4.3.0", "temporary failure, try again");
  }

  /** The body was over the size limit while it arrived: nothing was delivered to anyone. */
  public static Reply tooBig(long limit) {
    return Reply.of(552, "5.3.4", "message size exceeds fixed limit of " + limit);
  }

  /** The delivery itself failed (not an outcome): the MTA keeps the message and tries again. */
  public static Reply failed() {
    return Reply.of(451, "4.3.0", "delivery failed, try again later");
  }
}
