package io.mailroom.filter.rest;

import io.mailroom.filter.script.ScriptRejected;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps refused script operations to HTTP statuses. */
public class ScriptRejectedMapper {
  @ServerExceptionMapper
  public Response map(ScriptRejected e) {
    var status =
        switch (e.kind()) {
          case BAD_NAME, INVALID_SCRIPT -> 400;
          case TOO_LARGE -> 413;
          case NOT_FOUND -> 404;
          case ALREADY_EXISTS, ACTIVE -> 409;
          case TOO_MANY -> 507;
        };
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(new ErrorBody(e.getMessage(), e.line(), e.column()))
        .build();
  }
}
