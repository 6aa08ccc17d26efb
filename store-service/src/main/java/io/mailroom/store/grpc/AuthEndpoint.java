package io.mailroom.store.grpc;

import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.account.AccountService;
import io.mailroom.store.api.v1.Auth;
import io.mailroom.store.api.v1.AuthenticateReply;
import io.mailroom.store.api.v1.AuthenticateRequest;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;

/** Auth.Authenticate: password or SASL PLAIN (RFC 4616) to a session token. */
@GrpcService
public class AuthEndpoint implements Auth {
  private final AccountService accounts;

  AuthEndpoint(AccountService accounts) {
    this.accounts = accounts;
  }

  @Override
  public Uni<AuthenticateReply> authenticate(AuthenticateRequest request) {
    return Callers.guarded(
        () -> {
          String username;
          String password;
          if (request.hasSaslPlain()) {
            String[] fields =
                request.getSaslPlain().toString(StandardCharsets.UTF_8).split("\0", -1);
            if (fields.length != 3 || !fields[0].isEmpty() && !fields[0].equals(fields[1])) {
              // a different authorization identity would be proxy authentication: not offered
              throw new StoreFailure(Reason.AUTHENTICATION_FAILED, "authentication failed");
            }
            username = fields[1];
            password = fields[2];
          } else {
            username = request.getPassword().getUsername();
            password = request.getPassword().getPassword();
          }
          return accounts
              .authenticate(username, password)
              .map(
                  t ->
                      AuthenticateReply.newBuilder()
                          .setToken(t.token())
                          .setUsername(t.username())
                          .setExpiresAtEpochMs(t.expiresAtEpochMs())
                          .build());
        });
  }
}
