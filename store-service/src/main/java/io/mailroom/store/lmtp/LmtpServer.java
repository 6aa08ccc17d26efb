package io.mailroom.store.lmtp;

import io.mailroom.store.delivery.MailDelivery;
import io.mailroom.store.lmtp.handler.BodyDelivery;
import io.mailroom.store.lmtp.handler.CommandDispatcher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** The LMTP listener MTAs deliver to (RFC 2033); every session ends in {@link MailDelivery}. */
@ApplicationScoped
public class LmtpServer {
  private static final Logger LOG = Logger.getLogger(LmtpServer.class);

  private final Vertx vertx;
  private final LmtpConfig config;
  private final Instance<MailDelivery> deliveries;
  private MailDelivery delivery;
  private NetServer server;

  @Inject
  LmtpServer(Vertx vertx, LmtpConfig config, Instance<MailDelivery> deliveries) {
    this.vertx = vertx;
    this.config = config;
    this.deliveries = deliveries;
  }

  /** For tests and embedding: a server over the given store, without CDI. */
  public LmtpServer(Vertx vertx, LmtpConfig config, MailDelivery delivery) {
    this.vertx = vertx;
    this.config = config;
    this.deliveries = null;
    this.delivery = delivery;
  }

  void start(@Observes StartupEvent event) {
    if (deliveries.isUnsatisfied()) {
      // Only while the store's delivery path is not built yet: the rest of the service still runs.
      LOG.warn("LMTP not started: no MailDelivery bean");
      return;
    }
    delivery = deliveries.get();
    int port = listen().toCompletionStage().toCompletableFuture().join();
    LOG.infof("LMTP listening on %s:%d", config.host(), port);
  }

  void stop(@Observes ShutdownEvent event) {
    if (server != null) {
      close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
    }
  }

  /** Starts listening; completes with the bound port (useful with port 0). */
  public Future<Integer> listen() {
    // No context of its own per call: Transactions never run a unit of work on a connection's
    // (root) context but on a fresh duplicated one, so connections on one event loop never share a
    // Hibernate Reactive session.
    var dispatcher = new CommandDispatcher(config.serverName(), delivery, config.maxRecipients());
    var bodyDelivery = new BodyDelivery(delivery);
    long maxSize = delivery.maxMessageSize();
    server =
        vertx
            .createNetServer(new NetServerOptions().setTcpNoDelay(true))
            .connectHandler(
                (NetSocket socket) ->
                    new LmtpConnection(vertx, socket, config, maxSize, dispatcher, bodyDelivery)
                        .start());
    return server.listen(config.port(), config.host()).map(NetServer::actualPort);
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
