package io.mailroom.store.client.auth;

/**
 * A successful authentication: the store's session token, carried as a bearer token by every later
 * call of the session. {@code toString} leaves the token out.
 */
public record Login(String username, String token) implements Caller {
  @Override
  public String toString() {
    return "Login[" + username + "]";
  }
}
