package io.mailroom.store.client.auth;

/**
 * A service (the filter service, admin tools) calling for {@code account} with the shared service
 * token; {@code toString} leaves the token out.
 */
public record ServiceCaller(String serviceToken, String account) implements Caller {
  @Override
  public String toString() {
    return "ServiceCaller[" + account + "]";
  }
}
