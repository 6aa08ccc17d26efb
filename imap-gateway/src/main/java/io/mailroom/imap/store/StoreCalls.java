package io.mailroom.imap.store;

import io.grpc.Metadata;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.grpc.GrpcClientUtils;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What every call to the store shares: the account's bearer token, the latency timer per operation,
 * and gRPC failures turned into {@link StoreFailure}s.
 */
@ApplicationScoped
class StoreCalls {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  @Inject MeterRegistry registry;

  /** The stub, calling as the account of {@code session}. */
  static <T> T as(AccountSession session, T client) {
    var headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer " + session.token());
    return GrpcClientUtils.attachHeaders(client, headers);
  }

  <T> Uni<T> timed(String operation, Uni<T> call) {
    Timer.Sample sample = Timer.start(registry);
    return call.onTermination()
        .invoke(() -> sample.stop(timer(operation)))
        .onFailure()
        .transform(GrpcFailures::failure);
  }

  <T> Multi<T> timed(String operation, Multi<T> call) {
    Timer.Sample sample = Timer.start(registry);
    return call.onTermination()
        .invoke(() -> sample.stop(timer(operation)))
        .onFailure()
        .transform(GrpcFailures::failure);
  }

  private Timer timer(String operation) {
    return Timer.builder("mailroom.imap.store.call")
        .description("Latency of calls to the store")
        .tag("operation", operation)
        .publishPercentileHistogram()
        .register(registry);
  }
}
