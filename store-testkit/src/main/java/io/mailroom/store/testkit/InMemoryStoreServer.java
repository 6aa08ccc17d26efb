package io.mailroom.store.testkit;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory store on its own gRPC server, for a plain JUnit test (no Quarkus): a free loopback
 * port, or the one a test gives. In a Quarkus test, index this jar instead and the services run as
 * beans on the test gRPC server (see README).
 */
public final class InMemoryStoreServer implements AutoCloseable {
  private final InMemoryStore store;
  private final Server server;
  private final ManagedChannel channel;

  private InMemoryStoreServer(InMemoryStore store, int port) {
    this.store = store;
    var caller = new InMemoryCaller(store);
    var builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port));
    builder.addService(ServerInterceptors.intercept(new InMemoryAuth(store), caller));
    builder.addService(ServerInterceptors.intercept(new InMemoryMaildrop(store), caller));
    builder.addService(ServerInterceptors.intercept(new InMemoryMailboxes(store), caller));
    builder.addService(ServerInterceptors.intercept(new InMemoryMessages(store), caller));
    try {
      server = builder.build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    channel =
        NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
            .usePlaintext()
            .maxInboundMessageSize(16 << 20)
            .build();
  }

  /** A new, empty store on a free port. */
  public static InMemoryStoreServer start() {
    return new InMemoryStoreServer(new InMemoryStore(), 0);
  }

  /** A new, empty store on {@code port}. */
  public static InMemoryStoreServer start(int port) {
    return new InMemoryStoreServer(new InMemoryStore(), port);
  }

  public InMemoryStore store() {
    return store;
  }

  public int port() {
    return server.getPort();
  }

  /** A channel to this server, closed with it. */
  public ManagedChannel channel() {
    return channel;
  }

  /** store-client's clients on {@link #channel()}. */
  public StoreClients clients() {
    return StoreClients.over(channel);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
