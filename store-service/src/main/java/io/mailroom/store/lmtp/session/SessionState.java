package io.mailroom.store.lmtp.session;

import io.mailroom.store.lmtp.command.MailAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an LMTP session is. Each state carries exactly what is known in it, so a handler cannot
 * reach for a sender before MAIL or recipients before RCPT.
 */
public sealed interface SessionState {

  /** Connected and greeted with 220; LHLO has not been seen. */
  record Greeted() implements SessionState {}

  /** After LHLO, between transactions. */
  record Ready(String clientName) implements SessionState {}

  /** After MAIL FROM; no recipient accepted yet. */
  record MailFrom(String clientName, String sender) implements SessionState {
    public Recipients with(MailAddress recipient) {
      return new Recipients(clientName, sender, List.of(recipient));
    }
  }

  /** At least one recipient accepted, in RCPT order. */
  record Recipients(String clientName, String sender, List<MailAddress> recipients)
      implements SessionState {
    public Recipients {
      recipients = List.copyOf(recipients);
    }

    public Recipients with(MailAddress recipient) {
      var more = new ArrayList<>(recipients);
      more.add(recipient);
      return new Recipients(clientName, sender, more);
    }
  }

  /** After 354: the body is being received; one reply per recipient follows its final dot. */
  record Data(String clientName, String sender, List<MailAddress> recipients)
      implements SessionState {
    public Data {
      recipients = List.copyOf(recipients);
    }
  }

  /** The transaction is dropped, the LHLO is kept (RSET, and the end of every transaction). */
  static SessionState reset(SessionState state) {
    // Java 17: no pattern switch yet; the sealed hierarchy keeps this list complete.
    if (state instanceof MailFrom mail) {
      return new Ready(mail.clientName());
    } else if (state instanceof Recipients recipients) {
      return new Ready(recipients.clientName());
    } else if (state instanceof Data data) {
      return new Ready(data.clientName());
    }
    return state;
  }
}
