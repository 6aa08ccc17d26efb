package io.mailroom.imap.fake;

import io.mailroom.store.api.v1.Auth;
import io.mailroom.store.api.v1.AuthenticateReply;
import io.mailroom.store.api.v1.AuthenticateRequest;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;

@GrpcService
public class FakeAuthService implements Auth {
  private final FakeStore store;

  FakeAuthService(FakeStore store) {
    this.store = store;
  }

  @Override
  public Uni<AuthenticateReply> authenticate(AuthenticateRequest request) {
    return Uni.createFrom()
        .item(
            () -> {
              String user;
              String password;
              if (request.hasSaslPlain()) {
                String[] parts =
                    new String(request.getSaslPlain().toByteArray(), StandardCharsets.UTF_8)
                        .split("\0", -1);
                user = parts.length == 3 ? parts[1] : "";
                password = parts.length == 3 ? parts[2] : "";
              } else {
                user = request.getPassword().getUsername();
                password = request.getPassword().getPassword();
              }
              var account = store.login(user, password);
              return AuthenticateReply.newBuilder()
                  .setToken("tok-" + account.username)
                  .setUsername(account.username)
                  .build();
            });
  }
}
