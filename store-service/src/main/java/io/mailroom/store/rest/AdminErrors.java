package io.mailroom.store.rest;

import io.mailroom.store.StoreFailure;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Store failures as HTTP statuses with a small JSON body. */
public class AdminErrors {

  /** The error body. */
  public record Problem(String error, String message) {}

  @ServerExceptionMapper
  public Response map(StoreFailure failure) {
    int status =
        switch (failure.reason()) {
          case ALREADYEXISTS -> 409;
          case NOT_FOUND, NONEXISTENT -> 404;
          case TOOBIG -> 413;
          // Insufficient Storage (RFC 4918): the account's quota, not the request, is the limit.
          case OVERQUOTA -> 507;
          case BAD_REQUEST, INVALID_NAME -> 400;
          case FORBIDDEN -> 403;
          case AUTHENTICATION_FAILED -> 401;
          default -> 409;
        };
    return Response.status(status)
        .entity(new Problem(failure.reason().name().toLowerCase(), failure.getMessage()))
        .type("application/json")
        .build();
  }
}
