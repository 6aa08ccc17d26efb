package io.mailroom.filter.fake;

import io.grpc.Status;
import io.mailroom.store.api.v1.AuthenticateReply;
import io.mailroom.store.api.v1.AuthenticateRequest;
import io.mailroom.store.api.v1.ErrorCode;
import io.mailroom.store.api.v1.MutinyAuthGrpc;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;

/** Auth.Authenticate over {@link FakeMailStore}: passwords and SASL PLAIN, one error for both. */
@GrpcService
public class FakeAuth extends MutinyAuthGrpc.AuthImplBase {
  private final FakeMailStore store;

  FakeAuth(FakeMailStore store) {
    this.store = store;
  }

  @Override
  public Uni<AuthenticateReply> authenticate(AuthenticateRequest request) {
    return Uni.createFrom()
        .item(
            () -> {
              String username;
              String password;
              if (request.hasPassword()) {
                username = request.getPassword().getUsername();
                password = request.getPassword().getPassword();
              } else {
                var parts =
                    new String(request.getSaslPlain().toByteArray(), StandardCharsets.UTF_8)
                        .split("\0", -1);
                if (parts.length != 3 || (!parts[0].isEmpty() && !parts[0].equals(parts[1]))) {
                  throw failed();
                }
                username = parts[1];
                password = parts[2];
              }
              if (!store.checkPassword(username, password)) {
                throw failed();
              }
              return AuthenticateReply.newBuilder()
                  .setUsername(username)
                  .setToken("token-" + username)
                  .setExpiresAtEpochMs(System.currentTimeMillis() + 60_000)
                  .build();
            });
  }

  private static RuntimeException failed() {
    return FakeMailStore.failure(
        Status.UNAUTHENTICATED, ErrorCode.AUTHENTICATION_FAILED, "authentication failed");
  }
}
