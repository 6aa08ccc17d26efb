package io.mailroom.store.testkit;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailroom.store.api.v1.ErrorCode;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Finds the caller of every store call as the real store's CallerInterceptor does: a session token
 * ("authorization: Bearer ...") this store issued, or its service token ({@link
 * InMemoryStore#serviceToken(String)}) with "x-mailroom-account". An account the test made
 * unreachable gets a bare UNAVAILABLE. Only Auth and services outside the store's (gRPC health) go
 * without; a missing or unknown credential is UNAUTHENTICATED with AUTHENTICATION_FAILED.
 */
@GlobalInterceptor
@ApplicationScoped
public class InMemoryCaller implements ServerInterceptor {
  private static final String STORE_PREFIX = "mailroom.store.v1.";
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> SERVICE_TOKEN =
      Metadata.Key.of("x-mailroom-service-token", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> ACCOUNT =
      Metadata.Key.of("x-mailroom-account", Metadata.ASCII_STRING_MARSHALLER);

  private final InMemoryStore store;

  public InMemoryCaller(InMemoryStore store) {
    this.store = store;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    if (!method.startsWith(STORE_PREFIX) || method.startsWith(STORE_PREFIX + "Auth/")) {
      return next.startCall(call, headers);
    }
    Optional<String> account = account(headers);
    if (account.isEmpty()) {
      StatusRuntimeException refused =
          StoreErrors.refusal(
              Status.UNAUTHENTICATED, ErrorCode.AUTHENTICATION_FAILED, "invalid credential");
      call.close(refused.getStatus(), refused.getTrailers());
      return new ServerCall.Listener<>() {};
    }
    if (store.unreachable(account.get())) {
      // an outage as a caller sees it: a bare status, no mailroom-error trailer
      call.close(Status.UNAVAILABLE, new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return Contexts.interceptCall(
        Context.current().withValue(StoreErrors.ACCOUNT, account.get()), call, headers, next);
  }

  private Optional<String> account(Metadata headers) {
    String service = headers.get(SERVICE_TOKEN);
    if (service != null) {
      return service.equals(store.serviceToken())
          ? Optional.ofNullable(headers.get(ACCOUNT))
          : Optional.empty();
    }
    String authorization = headers.get(AUTHORIZATION);
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return store.accountOfToken(authorization.substring(7).trim());
  }
}
