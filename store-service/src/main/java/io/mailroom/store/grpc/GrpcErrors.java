package io.mailroom.store.grpc;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.api.v1.ErrorCode;
import io.mailroom.store.blob.MissingBlob;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/** The one place where failures become gRPC statuses with the "mailroom-error" trailer. */
public final class GrpcErrors {
  public static final Metadata.Key<String> ERROR_TRAILER =
      Metadata.Key.of("mailroom-error", Metadata.ASCII_STRING_MARSHALLER);
  private static final Logger LOG = Logger.getLogger(GrpcErrors.class);

  private GrpcErrors() {}

  public static Throwable toStatus(Throwable failure) {
    if (failure instanceof StatusRuntimeException) {
      return failure;
    }
    if (failure instanceof StoreFailure f) {
      return status(f.reason(), f.getMessage());
    }
    if (lost(failure)) {
      // Not the caller's doing and not worth a retry: callers keep what they have and say so.
      LOG.errorf("DATA_LOSS: %s", String.valueOf(failure));
      return Status.DATA_LOSS.withDescription("message body lost").asRuntimeException();
    }
    Status passing = passing(failure);
    if (passing != null) {
      // Said without the store's trailer: callers read these as "try again" (store-client).
      LOG.warnf("%s: %s", passing.getCode(), String.valueOf(failure));
      return passing.asRuntimeException();
    }
    LOG.errorf(failure, "internal error");
    return Status.INTERNAL.withDescription("internal error").asRuntimeException();
  }

  /**
   * A failure that says nothing about the request, only that PostgreSQL or S3 could not be reached
   * or gave way: UNAVAILABLE, or ABORTED for a serialization failure or deadlock (SQLSTATE 40001,
   * 40P01). A caller that can wait (the filter service) retries those; INTERNAL it need not.
   */
  static Status passing(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof PgException pg
          && ("40001".equals(pg.getSqlState()) || "40P01".equals(pg.getSqlState()))) {
        return Status.ABORTED.withDescription("database conflict, try again");
      }
      if (cause instanceof ConnectException
          || cause instanceof SocketTimeoutException
          || cause instanceof ClosedConnectionException
          || cause instanceof TimeoutException) {
        return Status.UNAVAILABLE.withDescription("storage unreachable, try again");
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }

  private static boolean lost(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof MissingBlob) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  static StatusRuntimeException status(Reason reason, String message) {
    Status status =
        switch (reason) {
          case AUTHENTICATION_FAILED -> Status.UNAUTHENTICATED;
          case NONEXISTENT, TRYCREATE, NOT_FOUND -> Status.NOT_FOUND;
          case ALREADYEXISTS -> Status.ALREADY_EXISTS;
          case TOOBIG, OVERQUOTA -> Status.RESOURCE_EXHAUSTED;
          case NOSELECT, INUSE, CANNOT, MODIFIED, EXPIRED, UIDVALIDITY_CHANGED ->
              Status.FAILED_PRECONDITION;
          case INVALID_NAME, BAD_REQUEST -> Status.INVALID_ARGUMENT;
          case FORBIDDEN -> Status.PERMISSION_DENIED;
        };
    return status.withDescription(message).asRuntimeException(trailers(reason));
  }

  static Metadata trailers(Reason reason) {
    Metadata trailers = new Metadata();
    ErrorCode code = errorCode(reason);
    if (code != ErrorCode.ERROR_CODE_UNSPECIFIED) {
      trailers.put(ERROR_TRAILER, code.name());
    }
    return trailers;
  }

  /** The contract's ErrorCode of a reason; ERROR_CODE_UNSPECIFIED for those without one. */
  static ErrorCode errorCode(Reason reason) {
    try {
      return ErrorCode.valueOf(reason.name());
    } catch (IllegalArgumentException e) {
      return ErrorCode.ERROR_CODE_UNSPECIFIED;
    }
  }
}
