package io.mailroom.filter.store;

import io.grpc.Metadata;
import io.grpc.Status;
import io.mailroom.store.api.v1.ErrorCode;
import java.util.Optional;
import java.util.Set;

/** Reads the store's failures: gRPC status plus the "mailroom-error" trailer. */
public final class StoreErrors {
  private static final Metadata.Key<String> ERROR_TRAILER =
      Metadata.Key.of("mailroom-error", Metadata.ASCII_STRING_MARSHALLER);

  private static final Set<Status.Code> TRANSIENT =
      Set.of(
          Status.Code.UNAVAILABLE,
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.RESOURCE_EXHAUSTED,
          Status.Code.ABORTED,
          Status.Code.INTERNAL,
          Status.Code.UNKNOWN,
          Status.Code.CANCELLED);

  private StoreErrors() {}

  public static Status.Code status(Throwable failure) {
    return Status.fromThrowable(failure).getCode();
  }

  /** The store's reason code, when it sent one. */
  public static Optional<ErrorCode> code(Throwable failure) {
    var trailers = Status.trailersFromThrowable(failure);
    if (trailers == null) {
      return Optional.empty();
    }
    var value = trailers.get(ERROR_TRAILER);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(ErrorCode.valueOf(value.trim()));
    } catch (IllegalArgumentException notAName) {
      try {
        return Optional.ofNullable(ErrorCode.forNumber(Integer.parseInt(value.trim())));
      } catch (NumberFormatException notANumber) {
        return Optional.empty();
      }
    }
  }

  /** A failure worth retrying: the store or the network was down, slow or overloaded. */
  public static boolean isTransient(Throwable failure) {
    if (failure instanceof java.util.concurrent.TimeoutException) {
      return true;
    }
    if (!(failure instanceof io.grpc.StatusRuntimeException)
        && !(failure instanceof io.grpc.StatusException)) {
      // Not from gRPC at all (a bug, a bad plan): retrying would fail the same way.
      return false;
    }
    return TRANSIENT.contains(Status.fromThrowable(failure).getCode());
  }

  /** A fileinto target that does not exist (RFC 5228 4.1: fall back to keep). */
  public static boolean isMissingMailbox(Throwable failure) {
    var code = code(failure);
    if (code.isPresent()) {
      return code.get() == ErrorCode.TRYCREATE || code.get() == ErrorCode.NONEXISTENT;
    }
    return status(failure) == Status.Code.NOT_FOUND;
  }

  public static String describe(Throwable failure) {
    var status = Status.fromThrowable(failure);
    var code = code(failure).map(c -> " [" + c.name() + "]").orElse("");
    var description = status.getDescription() == null ? "" : ": " + status.getDescription();
    if (status.getCode() == Status.Code.UNKNOWN
        && !(failure instanceof io.grpc.StatusRuntimeException)) {
      return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
    return status.getCode() + code + description;
  }
}
