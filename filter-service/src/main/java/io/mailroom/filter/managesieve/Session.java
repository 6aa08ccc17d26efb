package io.mailroom.filter.managesieve;

/** What a command handler may see and change of its connection. */
public interface Session {
  SessionState state();

  void state(SessionState state);

  boolean tls();

  boolean tlsAvailable();

  String remoteAddress();

  /** Counts a failed login; answers true when the connection should now be dropped. */
  boolean failedLogin();

  /** The capability response (without the final OK), for CAPABILITY, the greeting, STARTTLS. */
  Reply capabilities();

  default String username() {
    return state() instanceof SessionState.Authenticated authenticated
        ? authenticated.username()
        : null;
  }
}
