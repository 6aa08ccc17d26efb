package io.mailroom.store.testkit;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.mailroom.store.api.v1.AuthGrpc;
import io.mailroom.store.api.v1.AuthenticateReply;
import io.mailroom.store.api.v1.AuthenticateRequest;
import io.mailroom.store.api.v1.ErrorCode;
import io.quarkus.grpc.GrpcService;
import java.nio.charset.StandardCharsets;

/** Auth.Authenticate: a password or SASL PLAIN (RFC 4616) to a session token. */
@GrpcService
public class InMemoryAuth extends AuthGrpc.AuthImplBase {
  private final InMemoryStore store;

  public InMemoryAuth(InMemoryStore store) {
    this.store = store;
  }

  @Override
  public void authenticate(
      AuthenticateRequest request, StreamObserver<AuthenticateReply> observer) {
    StoreErrors.answer(observer, () -> authenticate(request));
  }

  private AuthenticateReply authenticate(AuthenticateRequest request) {
    String username;
    String password;
    if (request.hasSaslPlain()) {
      String[] fields = request.getSaslPlain().toString(StandardCharsets.UTF_8).split("\0", -1);
      boolean plain = fields.length == 3 && (fields[0].isEmpty() || fields[0].equals(fields[1]));
      // a different authorization identity would be proxy authentication: not offered
      username = plain ? fields[1] : "";
      password = plain ? fields[2] : null;
    } else {
      username = request.getPassword().getUsername();
      password = request.getPassword().getPassword();
    }
    if (store.unreachable(username)) {
      // an outage as a caller sees it: a bare status, no mailroom-error trailer
      throw Status.UNAVAILABLE.asRuntimeException();
    }
    String token =
        store
            .login(username, password)
            .orElseThrow(
                () ->
                    StoreErrors.refusal(
                        Status.UNAUTHENTICATED,
                        ErrorCode.AUTHENTICATION_FAILED,
                        "authentication failed"));
    return AuthenticateReply.newBuilder()
        .setUsername(username)
        .setToken(token)
        .setExpiresAtEpochMs(InMemoryStore.tokenExpiry())
        .build();
  }
}
