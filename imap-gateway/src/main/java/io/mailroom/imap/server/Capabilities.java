package io.mailroom.imap.server;

import io.mailroom.imap.config.ImapConfig;
import io.mailroom.imap.session.SessionState;

/** The CAPABILITY list: STARTTLS and the login mechanisms depend on TLS and on the state. */
final class Capabilities {
  private Capabilities() {}

  static String of(ImapConfig config, SessionState state, boolean tls, boolean tlsAvailable) {
    var caps = new StringBuilder("IMAP4rev1");
    boolean loginDisabled = config.tls().required() && !tls;
    if (state instanceof SessionState.NotAuthenticated) {
      if (!tls && tlsAvailable) {
        caps.append(" STARTTLS");
      }
      caps.append(loginDisabled ? " LOGINDISABLED" : " AUTH=PLAIN");
    }
    caps.append(" SASL-IR LITERAL+ ID ENABLE IDLE NAMESPACE UIDPLUS MOVE UNSELECT CHILDREN")
        .append(" CONDSTORE")
        .append(" SPECIAL-USE CREATE-SPECIAL-USE APPENDLIMIT=")
        .append(config.limits().appendLimit());
    return caps.toString();
  }
}
