package io.mailroom.store.rest;

import io.mailroom.store.config.AuthConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Every /admin/v1 call carries "Authorization: Bearer MAILROOM_ADMIN_TOKEN". */
public class AdminToken {
  private final byte[] expected;

  AdminToken(AuthConfig config) {
    this.expected = ("Bearer " + config.adminToken()).getBytes(StandardCharsets.UTF_8);
  }

  @ServerRequestFilter
  public Response check(ContainerRequestContext request) {
    if (!request.getUriInfo().getPath().startsWith("/admin/")) {
      return null;
    }
    String given = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected)) {
      return null;
    }
    return Response.status(Response.Status.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"mailroom-admin\"")
        .entity(new AdminErrors.Problem("unauthorized", "admin bearer token missing or wrong"))
        .type("application/json")
        .build();
  }
}
