package io.mailroom.imap.fake;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/** Hands the "authorization" metadata of each call to the fake services. */
@GlobalInterceptor
@ApplicationScoped
public class TokenInterceptor implements ServerInterceptor {
  static final Context.Key<String> TOKEN = Context.key("token");
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    var context = Context.current().withValue(TOKEN, headers.get(AUTHORIZATION));
    return Contexts.interceptCall(context, call, headers, next);
  }
}
