package io.mailroom.imap.store;

import com.google.protobuf.ByteString;
import io.mailroom.store.api.v1.Auth;
import io.mailroom.store.api.v1.AuthenticateRequest;
import io.mailroom.store.api.v1.PasswordCredential;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** LOGIN and AUTHENTICATE PLAIN over the store's Auth service. */
@ApplicationScoped
class GrpcAuthentication {
  @GrpcClient("store")
  Auth auth;

  @Inject StoreCalls calls;

  Uni<AccountSession> login(String username, String password, String remoteAddress) {
    var request =
        AuthenticateRequest.newBuilder()
            .setPassword(
                PasswordCredential.newBuilder().setUsername(username).setPassword(password))
            .setRemoteAddress(remoteAddress)
            .setProtocol("imap")
            .build();
    return calls
        .timed("authenticate", auth.authenticate(request))
        .map(reply -> new AccountSession(reply.getToken(), reply.getUsername()));
  }

  Uni<AccountSession> loginPlain(byte[] saslPlain, String remoteAddress) {
    var request =
        AuthenticateRequest.newBuilder()
            .setSaslPlain(ByteString.copyFrom(saslPlain))
            .setRemoteAddress(remoteAddress)
            .setProtocol("imap")
            .build();
    return calls
        .timed("authenticate", auth.authenticate(request))
        .map(reply -> new AccountSession(reply.getToken(), reply.getUsername()));
  }
}
