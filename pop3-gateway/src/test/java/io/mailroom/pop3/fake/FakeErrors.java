package io.mailroom.pop3.fake;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailroom.store.api.v1.ErrorCode;

/** Failures as the real store sends them: a status and the "mailroom-error" trailer. */
final class FakeErrors {
  private static final Metadata.Key<String> MAILROOM_ERROR =
      Metadata.Key.of("mailroom-error", Metadata.ASCII_STRING_MARSHALLER);

  private FakeErrors() {}

  static StatusRuntimeException error(Status status, ErrorCode code) {
    var trailers = new Metadata();
    trailers.put(MAILROOM_ERROR, code.name());
    return status.withDescription(code.name()).asRuntimeException(trailers);
  }

  static String account() {
    String account = FakeCaller.ACCOUNT.get();
    if (account == null) {
      throw error(Status.UNAUTHENTICATED, ErrorCode.EXPIRED);
    }
    return account;
  }
}
