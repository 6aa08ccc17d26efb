package io.mailroom.store.client.auth;

import com.google.protobuf.ByteString;
import io.mailroom.store.api.v1.AuthenticateRequest;
import io.mailroom.store.api.v1.MutinyAuthGrpc.MutinyAuthStub;
import io.mailroom.store.api.v1.PasswordCredential;
import io.mailroom.store.client.StoreCalls;
import io.mailroom.store.client.StoreStubs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Logs in to the store (its Auth service): credentials in, a {@link Login} out. */
@ApplicationScoped
public class AuthClient {
  private final StoreCalls calls;
  private final MutinyAuthStub auth;

  @Inject
  public AuthClient(StoreCalls calls, StoreStubs stubs) {
    this.calls = calls;
    this.auth = stubs.auth();
  }

  /**
   * Checks {@code credentials}; a wrong user or password fails with AUTHENTICATION_FAILED (one
   * reason for both). The store counts failures per {@code remoteAddress} too; {@code protocol} is
   * "imap", "pop3", "managesieve" or "http", for its log and limits.
   */
  public Uni<Login> authenticate(Credentials credentials, String remoteAddress, String protocol) {
    var request =
        AuthenticateRequest.newBuilder().setRemoteAddress(remoteAddress).setProtocol(protocol);
    if (credentials instanceof Credentials.Password password) {
      request.setPassword(
          PasswordCredential.newBuilder()
              .setUsername(password.username())
              .setPassword(password.password()));
    } else if (credentials instanceof Credentials.SaslPlain plain) {
      request.setSaslPlain(ByteString.copyFrom(plain.message()));
    }
    return calls
        .idempotent("authenticate", auth, stub -> stub.authenticate(request.build()))
        .map(reply -> new Login(reply.getUsername(), reply.getToken()));
  }
}
