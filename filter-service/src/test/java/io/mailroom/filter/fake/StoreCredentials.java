package io.mailroom.filter.fake;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.mailroom.filter.config.FilterConfig;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks the service credential like the real store: Messages and Mailboxes calls need the service
 * token and name the account; the account is handed to the fake services.
 */
@GlobalInterceptor
@ApplicationScoped
public class StoreCredentials implements ServerInterceptor {
  static final Context.Key<String> ACCOUNT = Context.key("account");
  private static final Metadata.Key<String> SERVICE_TOKEN =
      Metadata.Key.of("x-mailroom-service-token", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> ACCOUNT_HEADER =
      Metadata.Key.of("x-mailroom-account", Metadata.ASCII_STRING_MARSHALLER);

  private final String token;

  StoreCredentials(FilterConfig config) {
    // The service's own setting (MAILROOM_SERVICE_TOKEN wins over the test profile's value).
    this.token = config.serviceToken().orElse("");
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    var service = call.getMethodDescriptor().getServiceName();
    if (service == null || service.endsWith("Auth") || service.startsWith("grpc.")) {
      return next.startCall(call, headers);
    }
    if (token.isEmpty()
        || !token.equals(headers.get(SERVICE_TOKEN))
        || headers.get(ACCOUNT_HEADER) == null) {
      call.close(
          Status.UNAUTHENTICATED.withDescription("service credential required"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    var context = Context.current().withValue(ACCOUNT, headers.get(ACCOUNT_HEADER));
    return Contexts.interceptCall(context, call, headers, next);
  }

  static String account() {
    var account = ACCOUNT.get();
    if (account == null) {
      throw Status.UNAUTHENTICATED.withDescription("no account").asRuntimeException();
    }
    return account;
  }
}
