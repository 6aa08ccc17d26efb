package io.mailroom.imap.store;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** gRPC status and the "mailroom-error" trailer to a {@link StoreFailure}: the one place. */
final class GrpcFailures {
  static final Metadata.Key<String> MAILROOM_ERROR =
      Metadata.Key.of("mailroom-error", Metadata.ASCII_STRING_MARSHALLER);

  private GrpcFailures() {}

  static Throwable failure(Throwable error) {
    if (error instanceof StoreFailure) {
      return error;
    }
    Status status = Status.fromThrowable(error);
    Metadata trailers = Status.trailersFromThrowable(error);
    String code = trailers == null ? null : trailers.get(MAILROOM_ERROR);
    StoreFailure.Reason reason = null;
    if (code != null) {
      try {
        reason = StoreFailure.Reason.valueOf(code);
      } catch (IllegalArgumentException unknown) {
        reason = null;
      }
    }
    if (reason == null) {
      reason =
          switch (status.getCode()) {
            case UNAUTHENTICATED -> StoreFailure.Reason.AUTHENTICATION_FAILED;
            case NOT_FOUND -> StoreFailure.Reason.NONEXISTENT;
            case ALREADY_EXISTS -> StoreFailure.Reason.ALREADYEXISTS;
            case RESOURCE_EXHAUSTED -> StoreFailure.Reason.OVERQUOTA;
            case PERMISSION_DENIED, FAILED_PRECONDITION -> StoreFailure.Reason.CANNOT;
            case INVALID_ARGUMENT -> StoreFailure.Reason.INVALID_NAME;
            case UNAVAILABLE, DEADLINE_EXCEEDED -> StoreFailure.Reason.UNAVAILABLE;
            default -> StoreFailure.Reason.UNKNOWN;
          };
    }
    String message =
        error instanceof StatusRuntimeException && status.getDescription() != null
            ? status.getDescription()
            : status.getCode().name();
    return new StoreFailure(reason, message);
  }
}
