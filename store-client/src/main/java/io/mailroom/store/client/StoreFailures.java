package io.mailroom.store.client;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.mailroom.store.api.v1.ErrorCode;
import io.mailroom.store.client.StoreFailure.Reason;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
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

  /**
   * Each ErrorCode's Reason, by its name: Reason repeats every ErrorCode name (StoreFailuresTest
   * holds it to that), so a new code needs a Reason and no edit here. UNRECOGNIZED (protobuf's) and
   * ERROR_CODE_UNSPECIFIED name none.
   */
  private static final Map<ErrorCode, Reason> REASONS = reasonsByErrorCode();

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
   * The reason a trailer names: an ErrorCode by name or, from older stores, by number; null when it
   * names no ErrorCode, or ERROR_CODE_UNSPECIFIED.
   */
  private static Reason named(String trailer) {
    ErrorCode code = errorCode(trailer.trim());
    return code == null ? null : REASONS.get(code);
  }

  private static ErrorCode errorCode(String trailer) {
    if (!trailer.isEmpty() && trailer.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return ErrorCode.forNumber(Integer.parseInt(trailer));
      } catch (NumberFormatException tooLong) {
        return null;
      }
    }
    for (ErrorCode code : ErrorCode.values()) {
      if (code.name().equalsIgnoreCase(trailer)) {
        return code;
      }
    }
    return null;
  }

  private static Map<ErrorCode, Reason> reasonsByErrorCode() {
    Map<ErrorCode, Reason> reasons = new EnumMap<>(ErrorCode.class);
    for (Reason reason : Reason.values()) {
      for (ErrorCode code : ErrorCode.values()) {
        if (code.name().equals(reason.name())) {
          reasons.put(code, reason);
        }
      }
    }
    return reasons;
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
