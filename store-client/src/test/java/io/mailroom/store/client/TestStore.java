package io.mailroom.store.client;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Store services of a test, served over real gRPC on a free loopback port, with the headers of the
 * last call kept for the test to read.
 */
public final class TestStore implements AutoCloseable {
  private final Server server;
  private final ManagedChannel channel;
  private volatile Metadata lastHeaders;

  public TestStore(BindableService... services) {
    ServerInterceptor keepHeaders =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            lastHeaders = headers;
            return next.startCall(call, headers);
          }
        };
    var builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
    for (BindableService service : services) {
      builder.addService(ServerInterceptors.intercept(service, keepHeaders));
    }
    try {
      server = builder.build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
  }

  public StoreStubs stubs() {
    return new StoreStubs(channel);
  }

  /** Calls with this deadline and no listeners. */
  public static StoreCalls calls(Duration deadline) {
    return new StoreCalls(deadline, List.of());
  }

  /** Calls with a deadline no test machine should reach. */
  public static StoreCalls calls() {
    return calls(Duration.ofSeconds(10));
  }

  /** The item, or the failure thrown; a hung call fails the test. */
  public static <T> T await(Uni<T> uni) {
    return uni.await().atMost(Duration.ofSeconds(15));
  }

  public String header(String name) {
    return lastHeaders == null
        ? null
        : lastHeaders.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
