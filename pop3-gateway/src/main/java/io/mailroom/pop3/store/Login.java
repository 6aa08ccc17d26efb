package io.mailroom.pop3.store;

/** A successful authentication: the store's session token scopes every later call. */
public record Login(String username, String token) {
  @Override
  public String toString() {
    return "Login[" + username + "]";
  }
}
