package io.mailroom.store.testkit;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.mailroom.store.api.v1.ErrorCode;
import java.util.function.Supplier;

/**
 * Refusals as the real store sends them (its grpc/GrpcErrors): a status, and the ErrorCode's name
 * in the "mailroom-error" trailer when the reason has one.
 */
final class StoreErrors {
  static final Metadata.Key<String> MAILROOM_ERROR =
      Metadata.Key.of("mailroom-error", Metadata.ASCII_STRING_MARSHALLER);

  /** The account a call is made for, set by {@link InMemoryCaller}. */
  static final Context.Key<String> ACCOUNT = Context.key("in-memory-account");

  private StoreErrors() {}

  /**
   * {@code code} null: a refusal without an ErrorCode (the real store's BAD_REQUEST, NOT_FOUND).
   */
  static StatusRuntimeException refusal(Status status, ErrorCode code, String description) {
    var trailers = new Metadata();
    if (code != null) {
      trailers.put(MAILROOM_ERROR, code.name());
    }
    return status.withDescription(description).asRuntimeException(trailers);
  }

  /** A refusal with the status the real store's GrpcErrors gives this code. */
  static StatusRuntimeException refusal(ErrorCode code, String description) {
    Status status =
        switch (code) {
          case AUTHENTICATION_FAILED -> Status.UNAUTHENTICATED;
          case NONEXISTENT, TRYCREATE -> Status.NOT_FOUND;
          case ALREADYEXISTS -> Status.ALREADY_EXISTS;
          case TOOBIG, OVERQUOTA -> Status.RESOURCE_EXHAUSTED;
          case INVALID_NAME -> Status.INVALID_ARGUMENT;
          default -> Status.FAILED_PRECONDITION;
        };
    return refusal(status, code, description);
  }

  /** A bad request: INVALID_ARGUMENT without an ErrorCode. */
  static StatusRuntimeException badRequest(String description) {
    return refusal(Status.INVALID_ARGUMENT, null, description);
  }

  /** The caller's account; the interceptor has refused calls without one. */
  static String account() {
    String account = ACCOUNT.get();
    if (account == null) {
      throw refusal(Status.UNAUTHENTICATED, ErrorCode.AUTHENTICATION_FAILED, "no credential");
    }
    return account;
  }

  /**
   * Answers a unary call with what {@code reply} gives, or with the refusal it throws. The services
   * use plain gRPC, not Mutiny: outside Quarkus (on {@link InMemoryStoreServer}) Quarkus' Mutiny
   * glue would turn every refusal into UNKNOWN and drop its trailer.
   */
  static <R> void answer(StreamObserver<R> observer, Supplier<R> reply) {
    R value;
    try {
      value = reply.get();
    } catch (StatusRuntimeException e) {
      observer.onError(e);
      return;
    }
    observer.onNext(value);
    observer.onCompleted();
  }
}
