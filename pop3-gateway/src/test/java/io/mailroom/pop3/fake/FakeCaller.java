package io.mailroom.pop3.fake;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads "authorization: Bearer tok-USER" the way the real store reads its signed token. */
@GlobalInterceptor
@ApplicationScoped
public class FakeCaller implements ServerInterceptor {
  static final Context.Key<String> ACCOUNT = Context.key("fake-account");
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  static String token(String username) {
    return "tok-" + username;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String value = headers.get(AUTHORIZATION);
    String account =
        value != null && value.startsWith("Bearer tok-")
            ? value.substring("Bearer tok-".length())
            : null;
    return Contexts.interceptCall(
        Context.current().withValue(ACCOUNT, account), call, headers, next);
  }
}
