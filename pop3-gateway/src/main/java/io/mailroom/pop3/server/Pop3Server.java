package io.mailroom.pop3.server;

import io.mailroom.pop3.config.Pop3Config;
import io.mailroom.pop3.handler.Handlers;
import io.mailroom.pop3.metrics.Pop3Metrics;
import io.mailroom.pop3.response.Reply;
import io.mailroom.pop3.response.ResponseCode;
import io.mailroom.pop3.response.StatusLine;
import io.mailroom.pop3.session.Session;
import io.mailroom.pop3.store.MailStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Listens for POP3 (with STLS) and, when a certificate is configured, POP3S; enforces the
 * connection caps; drains sessions on shutdown.
 */
@ApplicationScoped
public class Pop3Server {
  private static final Logger LOG = Logger.getLogger(Pop3Server.class);

  private final Vertx vertx;
  private final Pop3Config config;
  private final MailStore store;
  private final Handlers handlers;
  private final Pop3Metrics metrics;
  private final List<NetServer> servers = new ArrayList<>();
  private final Map<Pop3Connection, Context> connections = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();
  private volatile boolean draining;

  Pop3Server(
      Vertx vertx, Pop3Config config, MailStore store, Handlers handlers, Pop3Metrics metrics) {
    this.vertx = vertx;
    this.config = config;
    this.store = store;
    this.handlers = handlers;
    this.metrics = metrics;
  }

  void start(@Observes StartupEvent event) {
    var pem = pem();
    if (config.requireTls() && pem == null) {
      throw new IllegalStateException(
          "mailroom.pop3.require-tls is set but no TLS certificate and key are configured");
    }
    var plain = options(config.port()).setSsl(false);
    if (pem != null) {
      plain.setKeyCertOptions(pem); // for STLS
    }
    listen(plain, false, pem != null);
    if (pem != null) {
      listen(options(config.tlsPort()).setSsl(true).setKeyCertOptions(pem), true, true);
    } else {
      LOG.warn("no TLS certificate configured: STLS and POP3S are off");
    }
  }

  /**
   * SIGTERM: stop accepting, let each session finish its command, then close them all. Vert.x 4
   * closes a server's connections together with its listening socket, so while draining the
   * listener stays bound and refuses each new connection with -ERR [SYS/TEMP]; it is closed once
   * the sessions are gone.
   */
  public void stop(@Observes ShutdownEvent event) {
    draining = true;
    connections.forEach((connection, context) -> context.runOnContext(v -> connection.drain()));
    long deadline = System.nanoTime() + config.gracePeriod().toNanos();
    // shutdown runs on the main thread, which may wait; the event loops keep working meanwhile
    while (!connections.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (!connections.isEmpty()) {
      LOG.warnf("closing %d POP3 sessions after the grace period", connections.size());
      connections.forEach(
          (connection, context) -> context.runOnContext(v -> connection.forceClose()));
    }
    for (NetServer server : servers) {
      await(server.close(), 5);
    }
    servers.clear();
  }

  private NetServerOptions options(int port) {
    return new NetServerOptions()
        .setHost(config.host())
        .setPort(port)
        .setIdleTimeout((int) config.idleTimeout().toSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS);
  }

  private PemKeyCertOptions pem() {
    var tls = config.tls();
    if (tls.cert().isEmpty() || tls.key().isEmpty()) {
      return null;
    }
    return new PemKeyCertOptions().setCertPath(tls.cert().get()).setKeyPath(tls.key().get());
  }

  private void listen(NetServerOptions options, boolean implicitTls, boolean tlsAvailable) {
    NetServer server =
        vertx.createNetServer(options).connectHandler(s -> accept(s, implicitTls, tlsAvailable));
    await(server.listen(), 30);
    servers.add(server);
    LOG.infof(
        "POP3%s listening on %s:%d",
        implicitTls ? "S" : "", options.getHost(), server.actualPort());
  }

  private void accept(NetSocket socket, boolean implicitTls, boolean tlsAvailable) {
    String address =
        socket.remoteAddress() == null ? "unknown" : socket.remoteAddress().hostAddress();
    String refusal = admit(address);
    if (refusal != null) {
      metrics.refusedConnection(refusal);
      socket
          .write(Buffer.buffer(StatusLine.encode(Reply.err(ResponseCode.SYS_TEMP, refusal))))
          .onComplete(done -> socket.close());
      return;
    }
    String id = UUID.randomUUID().toString().substring(0, 8);
    Context context = vertx.getOrCreateContext();
    var session =
        new Session(
            id,
            address,
            store,
            new VertxTimers(vertx),
            implicitTls,
            tlsAvailable,
            config.requireTls());
    var holder = new Pop3Connection[1];
    holder[0] =
        new Pop3Connection(
            socket,
            session,
            handlers,
            metrics,
            config.maxLine(),
            config.maxErrors(),
            config.maxPipelined(),
            () -> {
              connections.remove(holder[0]);
              release(address);
            });
    connections.put(holder[0], context);
    holder[0].start();
  }

  /** Counts the connection in, or says why it is refused. */
  private String admit(String address) {
    if (draining) {
      return "server shutting down";
    }
    if (total.incrementAndGet() > config.maxConnections()) {
      total.decrementAndGet();
      return "too many connections, try again later";
    }
    var count = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
    if (count.incrementAndGet() > config.maxConnectionsPerIp()) {
      release(address);
      return "too many connections from your address";
    }
    return null;
  }

  private void release(String address) {
    total.decrementAndGet();
    perAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
  }

  private static <T> T await(io.vertx.core.Future<T> future, int seconds) {
    return future
        .toCompletionStage()
        .toCompletableFuture()
        .orTimeout(seconds, TimeUnit.SECONDS)
        .join();
  }
}
