package io.mailroom.imap.server;

import io.mailroom.imap.config.ImapConfig;
import io.mailroom.imap.handler.Handlers;
import io.mailroom.imap.limits.ConnectionLimits;
import io.mailroom.imap.metrics.ImapMetrics;
import io.mailroom.imap.push.SessionRegistry;
import io.mailroom.imap.store.MailStore;
import io.mailroom.store.client.auth.LoginThrottle;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Accepts IMAP connections: plaintext with STARTTLS, and implicit TLS when a key is set. */
@ApplicationScoped
public class ImapServer {
  private static final Logger LOG = Logger.getLogger(ImapServer.class);

  private final Vertx vertx;
  private final ImapConfig config;
  private final MailStore store;
  private final ImapMetrics metrics;
  private final LoginThrottle loginThrottle;
  private final ConnectionLimits limits;
  private final SessionRegistry registry;
  private final Handlers handlers = new Handlers();
  private final Set<ImapConnection> connections = ConcurrentHashMap.newKeySet();

  /** Deployment ids of the listeners. */
  private String plain;

  private String implicitTls;
  private volatile boolean accepting;

  ImapServer(
      Vertx vertx,
      ImapConfig config,
      MailStore store,
      ImapMetrics metrics,
      LoginThrottle loginThrottle,
      ConnectionLimits limits,
      SessionRegistry registry) {
    this.vertx = vertx;
    this.config = config;
    this.store = store;
    this.metrics = metrics;
    this.loginThrottle = loginThrottle;
    this.limits = limits;
    this.registry = registry;
  }

  void start(@Observes StartupEvent event) {
    var options = new NetServerOptions().setHost(config.host()).setPort(config.port());
    if (tlsAvailable()) {
      options.setKeyCertOptions(keyCert());
    }
    plain = await(deploy(options, false));
    LOG.infof("IMAP listening on %s:%d", config.host(), config.port());
    if (tlsAvailable()) {
      var tlsOptions =
          new NetServerOptions()
              .setHost(config.host())
              .setPort(config.tlsPort())
              .setSsl(true)
              .setKeyCertOptions(keyCert());
      implicitTls = await(deploy(tlsOptions, true));
      LOG.infof("IMAPS listening on %s:%d", config.host(), config.tlsPort());
    }
    accepting = true;
  }

  void stop(@Observes ShutdownEvent event) {
    drain();
  }

  /** SIGTERM: stop accepting, let running commands finish, BYE everyone, within the grace. */
  public void drain() {
    if (!accepting && connections.isEmpty()) {
      return;
    }
    // New connections get a BYE from accept(); closing the listeners now would also cut the
    // open connections (Vert.x closes a server's sockets with it), so that comes last.
    accepting = false;
    LOG.infof("draining %d IMAP sessions", connections.size());
    connections.forEach(ImapConnection::drain);
    long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
    while (!connections.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50); // the shutdown thread, not an event loop
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    connections.forEach(ImapConnection::close);
    if (plain != null) {
      await(vertx.undeploy(plain));
      plain = null;
    }
    if (implicitTls != null) {
      await(vertx.undeploy(implicitTls));
      implicitTls = null;
    }
  }

  /** One listener per event loop on the same port; returns the deployment id. */
  private io.vertx.core.Future<String> deploy(NetServerOptions options, boolean tls) {
    int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
    return vertx.deployVerticle(
        () -> new ImapListener(this, options, tls),
        new io.vertx.core.DeploymentOptions().setInstances(instances));
  }

  void accept(NetSocket socket, boolean tls) {
    if (!accepting) {
      socket.write(Buffer.buffer("* BYE Server shutting down\r\n")).onComplete(x -> socket.close());
      return;
    }
    var connection = new ImapConnection(this, socket, vertx.getOrCreateContext(), tls);
    if (!limits.openConnection(connection.address())) {
      socket
          .write(Buffer.buffer("* BYE Too many connections from your address\r\n"))
          .onComplete(x -> socket.close());
      return;
    }
    connections.add(connection);
    connection.start();
  }

  void closed(ImapConnection connection) {
    if (connections.remove(connection)) {
      limits.closeConnection(connection.address());
    }
  }

  boolean tlsAvailable() {
    return config.tls().cert().isPresent() && config.tls().key().isPresent();
  }

  private PemKeyCertOptions keyCert() {
    return new PemKeyCertOptions()
        .setCertPath(config.tls().cert().orElseThrow())
        .setKeyPath(config.tls().key().orElseThrow());
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("IMAP listener failed", e);
    }
  }

  Vertx vertx() {
    return vertx;
  }

  ImapConfig config() {
    return config;
  }

  MailStore store() {
    return store;
  }

  ImapMetrics metrics() {
    return metrics;
  }

  LoginThrottle loginThrottle() {
    return loginThrottle;
  }

  ConnectionLimits limits() {
    return limits;
  }

  SessionRegistry registry() {
    return registry;
  }

  Handlers handlers() {
    return handlers;
  }

  /** Open connections on this replica (for tests and diagnostics). */
  public int connectionCount() {
    return connections.size();
  }
}
