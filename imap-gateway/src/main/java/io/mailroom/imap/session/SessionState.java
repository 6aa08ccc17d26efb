package io.mailroom.imap.session;

import io.mailroom.store.client.auth.Login;

/** RFC 3501's connection states; only Selected has a mailbox, so no code can use one elsewhere. */
public sealed interface SessionState {
  String label();

  record NotAuthenticated() implements SessionState {
    public String label() {
      return "not-authenticated";
    }
  }

  record Authenticated(Login account) implements SessionState {
    public String label() {
      return "authenticated";
    }
  }

  record Selected(Login account, SelectedMailbox mailbox) implements SessionState {
    public String label() {
      return "selected";
    }
  }

  record Logout() implements SessionState {
    public String label() {
      return "logout";
    }
  }

  /** The logged-in account, in Authenticated or Selected. */
  default java.util.Optional<Login> loggedInAccount() {
    if (this instanceof Authenticated a) {
      return java.util.Optional.of(a.account());
    }
    if (this instanceof Selected s) {
      return java.util.Optional.of(s.account());
    }
    return java.util.Optional.empty();
  }
}
