package io.mailroom.filter.rest;

import io.mailroom.filter.config.FilterConfig;
import io.mailroom.filter.store.StoreClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Who may touch an account's scripts: the account itself (HTTP Basic, checked by the store) or the
 * admin token. A user naming another account gets 403, a bad credential 401.
 */
@ApplicationScoped
public class AccountAccess {
  private final FilterConfig config;
  private final StoreClient store;

  AccountAccess(FilterConfig config, StoreClient store) {
    this.config = config;
    this.store = store;
  }

  public Uni<Void> check(String authorization, String account, String remoteAddress) {
    if (authorization == null || authorization.isBlank()) {
      return Uni.createFrom().failure(unauthorized("credentials required"));
    }
    var space = authorization.indexOf(' ');
    var scheme = space < 0 ? authorization : authorization.substring(0, space);
    var value = space < 0 ? "" : authorization.substring(space + 1).trim();
    if (scheme.equalsIgnoreCase("Bearer")) {
      var admin = config.adminToken().orElse("");
      if (!admin.isEmpty() && constantTimeEquals(admin, value)) {
        return Uni.createFrom().voidItem();
      }
      return Uni.createFrom().failure(unauthorized("invalid token"));
    }
    if (!scheme.equalsIgnoreCase("Basic")) {
      return Uni.createFrom().failure(unauthorized("unsupported authentication scheme"));
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().failure(unauthorized("malformed Basic credentials"));
    }
    var colon = decoded.indexOf(':');
    if (colon < 0) {
      return Uni.createFrom().failure(unauthorized("malformed Basic credentials"));
    }
    var username = decoded.substring(0, colon);
    var password = decoded.substring(colon + 1);
    return store
        .authenticate(username, password, remoteAddress, "http")
        .flatMap(
            user -> {
              if (user.isEmpty()) {
                return Uni.createFrom().failure(unauthorized("authentication failed"));
              }
              if (!user.get().equalsIgnoreCase(account)) {
                return Uni.createFrom()
                    .failure(
                        new WebApplicationException(
                            Response.status(Response.Status.FORBIDDEN)
                                .entity(new ErrorBody("you may only manage your own scripts"))
                                .type("application/json")
                                .build()));
              }
              return Uni.createFrom().voidItem();
            });
  }

  private static WebApplicationException unauthorized(String reason) {
    return new WebApplicationException(
        Response.status(Response.Status.UNAUTHORIZED)
            .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"mailroom\"")
            .entity(new ErrorBody(reason))
            .type("application/json")
            .build());
  }

  private static boolean constantTimeEquals(String expected, String given) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
