package io.mailroom.pop3.fake;

import io.grpc.Status;
import io.mailroom.store.api.v1.AuthenticateReply;
import io.mailroom.store.api.v1.AuthenticateRequest;
import io.mailroom.store.api.v1.ErrorCode;
import io.mailroom.store.api.v1.MutinyAuthGrpc;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

@GrpcService
public class FakeAuth extends MutinyAuthGrpc.AuthImplBase {
  private final FakeMailData data;

  FakeAuth(FakeMailData data) {
    this.data = data;
  }

  @Override
  public Uni<AuthenticateReply> authenticate(AuthenticateRequest request) {
    Optional<String> user;
    if (request.getPassword().getUsername().equals("store-down")) {
      // an outage as the gateway sees it: a bare status, no mailroom-error trailer
      return Uni.createFrom().failure(Status.UNAVAILABLE.asRuntimeException());
    }
    if (request.hasPassword()) {
      user =
          data.checkPassword(
              request.getPassword().getUsername(), request.getPassword().getPassword());
    } else {
      String[] fields = request.getSaslPlain().toString(StandardCharsets.UTF_8).split("\0", -1);
      user =
          fields.length == 3 && (fields[0].isEmpty() || fields[0].equals(fields[1]))
              ? data.checkPassword(fields[1], fields[2])
              : Optional.empty();
    }
    if (user.isEmpty() || !request.getProtocol().equals("pop3")) {
      return Uni.createFrom()
          .failure(FakeErrors.error(Status.UNAUTHENTICATED, ErrorCode.AUTHENTICATION_FAILED));
    }
    return Uni.createFrom()
        .item(
            AuthenticateReply.newBuilder()
                .setUsername(user.get())
                .setToken(FakeCaller.token(user.get()))
                .build());
  }
}
