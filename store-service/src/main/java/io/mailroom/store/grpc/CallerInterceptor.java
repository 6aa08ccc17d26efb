package io.mailroom.store.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.auth.SessionToken;
import io.mailroom.store.auth.TokenSigner;
import io.mailroom.store.config.AuthConfig;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Finds the caller of every store call: a session token ("authorization: Bearer ...") or the
 * service credential with "x-mailroom-account". Only Auth.Authenticate goes without.
 */
@GlobalInterceptor
@ApplicationScoped
public class CallerInterceptor implements ServerInterceptor {
  static final Context.Key<Credential> CREDENTIAL = Context.key("mailroom-credential");
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> SERVICE_TOKEN =
      Metadata.Key.of("x-mailroom-service-token", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> ACCOUNT =
      Metadata.Key.of("x-mailroom-account", Metadata.ASCII_STRING_MARSHALLER);
  private static final String STORE_PREFIX = "mailroom.store.v1.";

  private final TokenSigner tokens;
  private final byte[] serviceToken;

  CallerInterceptor(TokenSigner tokens, AuthConfig config) {
    this.tokens = tokens;
    this.serviceToken = config.serviceToken().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    if (!method.startsWith(STORE_PREFIX) || method.startsWith(STORE_PREFIX + "Auth/")) {
      return next.startCall(call, headers);
    }
    Credential credential;
    try {
      credential = credential(headers);
    } catch (StoreFailure f) {
      StatusRuntimeException e =
          f.reason() == Reason.EXPIRED
              ? io.grpc.Status.UNAUTHENTICATED
                  .withDescription("session token expired")
                  .asRuntimeException(GrpcErrors.trailers(Reason.EXPIRED))
              : GrpcErrors.status(f.reason(), f.getMessage());
      call.close(e.getStatus(), e.getTrailers());
      return new ServerCall.Listener<>() {};
    }
    return Contexts.interceptCall(
        Context.current().withValue(CREDENTIAL, credential), call, headers, next);
  }

  private Credential credential(Metadata headers) {
    String service = headers.get(SERVICE_TOKEN);
    if (service != null) {
      if (!MessageDigest.isEqual(service.getBytes(StandardCharsets.UTF_8), serviceToken)) {
        throw new StoreFailure(Reason.AUTHENTICATION_FAILED, "bad service credential");
      }
      return new Credential.Service(headers.get(ACCOUNT));
    }
    String authorization = headers.get(AUTHORIZATION);
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new StoreFailure(Reason.AUTHENTICATION_FAILED, "no credential");
    }
    Optional<SessionToken> token = tokens.verify(authorization.substring(7).trim());
    SessionToken t =
        token.orElseThrow(
            () -> new StoreFailure(Reason.AUTHENTICATION_FAILED, "invalid session token"));
    return new Credential.Session(t.accountId(), t.username());
  }
}
