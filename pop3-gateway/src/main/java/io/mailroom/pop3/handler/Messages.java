package io.mailroom.pop3.handler;

import io.mailroom.pop3.response.Reply;
import io.mailroom.pop3.session.SessionState;

/** The -ERR for a message number that does not name a live message of the snapshot. */
final class Messages {
  private Messages() {}

  static Reply.Status missing(SessionState.Transaction t, int n) {
    if (t.maildrop().message(n).isEmpty()) {
      return Reply.err("no such message, only " + t.maildrop().count() + " messages in maildrop");
    }
    return Reply.err("message " + n + " already deleted");
  }
}
