package io.mailroom.filter.managesieve;

/** Where a ManageSieve connection stands. */
public sealed interface SessionState {
  record NotAuthenticated() implements SessionState {}

  /** AUTHENTICATE sent without an initial response: the next line is the SASL response. */
  record AwaitingSaslResponse() implements SessionState {}

  record Authenticated(String username) implements SessionState {}
}
