package io.mailroom.store.client;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.mailroom.store.client.StoreFailure.Reason;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * The one place where a failed store call becomes a {@link StoreFailure}. The store names its
 * reason in the "mailroom-error" trailer (an ErrorCode name, see store.proto); that name is trusted
 * first and the gRPC status decides only when it is absent. So RESOURCE_EXHAUSTED with OVERQUOTA is
 * a full account, and without a trailer it is an overloaded store or channel, worth a retry.
 */
public final class StoreFailures {
  static final Metadata.Key<String> MAILROOM_ERROR =
      Metadata.Key.of("mailroom-error", Metadata.ASCII_STRING_MARSHALLER);

  private StoreFailures() {}

  /**
   * Any failure of a store call as a {@link StoreFailure}; one already mapped is returned as is.
   */
  public static StoreFailure from(Throwable error) {
    if (error instanceof StoreFailure failure) {
      return failure;
    }
    if (!(error instanceof StatusRuntimeException) && !(error instanceof StatusException)) {
      return local(error);
    }
    Status status = Status.fromThrowable(error);
    Metadata trailers = Status.trailersFromThrowable(error);
    String code = trailers == null ? null : trailers.get(MAILROOM_ERROR);
    Reason named = code == null ? null : named(code);
    Reason reason = named != null ? named : byStatus(status.getCode());
    String message = status.getCode() + (named == null ? "" : " " + named);
    if (status.getDescription() != null) {
      message += ": " + status.getDescription();
    }
    return new StoreFailure(reason, message, error);
  }

  /** The reason alone, for callers that only branch on it. */
  public static Reason reasonOf(Throwable error) {
    return from(error).reason();
  }

  /**
   * An ErrorCode by name (or, from older stores, by number); null when it names nothing we know.
   */
  private static Reason named(String code) {
    String trimmed = code.trim();
    for (Reason reason : Reason.values()) {
      if (reason.name().equalsIgnoreCase(trimmed)
          && reason != Reason.DAMAGED
          && reason != Reason.UNAVAILABLE
          && reason != Reason.UNKNOWN) {
        return reason;
      }
    }
    return switch (trimmed) {
      case "1" -> Reason.AUTHENTICATION_FAILED;
      case "2" -> Reason.NONEXISTENT;
      case "3" -> Reason.TRYCREATE;
      case "4" -> Reason.ALREADYEXISTS;
      case "5" -> Reason.NOSELECT;
      case "6" -> Reason.TOOBIG;
      case "7" -> Reason.OVERQUOTA;
      case "8" -> Reason.INUSE;
      case "9" -> Reason.CANNOT;
      case "10" -> Reason.INVALID_NAME;
      case "11" -> Reason.MODIFIED;
      case "12" -> Reason.EXPIRED;
      case "13" -> Reason.UIDVALIDITY_CHANGED;
      default -> null;
    };
  }

  private static Reason byStatus(Status.Code code) {
    return switch (code) {
      case UNAUTHENTICATED -> Reason.AUTHENTICATION_FAILED;
      case NOT_FOUND -> Reason.NONEXISTENT;
      case ALREADY_EXISTS -> Reason.ALREADYEXISTS;
      case PERMISSION_DENIED, FAILED_PRECONDITION -> Reason.CANNOT;
      case INVALID_ARGUMENT -> Reason.INVALID_NAME;
      case DATA_LOSS -> Reason.DAMAGED;
      // Without the store's name for it, these are the transport or a busy store speaking.
      case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, CANCELLED ->
          Reason.UNAVAILABLE;
      default -> Reason.UNKNOWN;
    };
  }

  /** Not from gRPC: a deadline of ours or a broken connection is transient, a bug is not. */
  private static StoreFailure local(Throwable error) {
    Reason reason =
        error instanceof TimeoutException || error instanceof IOException
            ? Reason.UNAVAILABLE
            : Reason.UNKNOWN;
    return new StoreFailure(
        reason, error.getClass().getSimpleName() + ": " + error.getMessage(), error);
  }
}
