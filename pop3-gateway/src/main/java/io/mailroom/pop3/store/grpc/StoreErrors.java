package io.mailroom.pop3.store.grpc;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.mailroom.pop3.store.StoreFailure;
import io.mailroom.pop3.store.StoreFailure.Reason;

/**
 * The one place where gRPC failures become {@link StoreFailure}s. The store's "mailroom-error"
 * trailer (an ErrorCode name) is trusted first; the status code decides only when it is absent.
 */
final class StoreErrors {
  static final Metadata.Key<String> MAILROOM_ERROR =
      Metadata.Key.of("mailroom-error", Metadata.ASCII_STRING_MARSHALLER);

  private StoreErrors() {}

  static StoreFailure toFailure(Throwable error) {
    if (error instanceof StoreFailure failure) {
      return failure;
    }
    Status status = Status.fromThrowable(error);
    Metadata trailers = Status.trailersFromThrowable(error);
    String code = trailers == null ? null : trailers.get(MAILROOM_ERROR);
    boolean fromGrpc = error instanceof StatusRuntimeException || error instanceof StatusException;
    Reason reason = code != null ? byErrorCode(code, status) : byStatus(status, fromGrpc);
    String message = status.getCode() + (code == null ? "" : " " + code);
    if (status.getDescription() != null) {
      message += ": " + status.getDescription();
    }
    return new StoreFailure(reason, message, error);
  }

  private static Reason byErrorCode(String code, Status status) {
    return switch (code.trim()) {
      case "AUTHENTICATION_FAILED" -> Reason.AUTHENTICATION_FAILED;
      case "INUSE" -> Reason.IN_USE;
      case "EXPIRED" -> Reason.EXPIRED;
      case "NONEXISTENT", "UIDVALIDITY_CHANGED" -> Reason.NONEXISTENT;
      default -> byStatus(status, true);
    };
  }

  private static Reason byStatus(Status status, boolean fromGrpc) {
    if (!fromGrpc) {
      return Reason.TEMPORARY; // a local failure (channel closed, timeout) is transient
    }
    return switch (status.getCode()) {
      case UNAUTHENTICATED -> Reason.AUTHENTICATION_FAILED;
      case NOT_FOUND -> Reason.NONEXISTENT;
      case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, CANCELLED, UNKNOWN ->
          Reason.TEMPORARY;
      default -> Reason.PERMANENT;
    };
  }
}
