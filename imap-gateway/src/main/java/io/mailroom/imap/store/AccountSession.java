package io.mailroom.imap.store;

/** What a successful login gives: the token every later store call carries. */
public record AccountSession(String token, String username) {
  @Override
  public String toString() {
    return "AccountSession[" + username + "]";
  }
}
