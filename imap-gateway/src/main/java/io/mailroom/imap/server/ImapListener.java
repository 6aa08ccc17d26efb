package io.mailroom.imap.server;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.net.NetServerOptions;

/**
 * One listener on one event loop. Several are deployed on the same port, so Vert.x spreads the
 * connections over the event loops instead of running every session on one thread.
 */
final class ImapListener extends AbstractVerticle {
  private final ImapServer server;
  private final NetServerOptions options;
  private final boolean tls;

  ImapListener(ImapServer server, NetServerOptions options, boolean tls) {
    this.server = server;
    this.options = options;
    this.tls = tls;
  }

  @Override
  public void start(Promise<Void> started) {
    vertx
        .createNetServer(options)
        .connectHandler(socket -> server.accept(socket, tls))
        .listen()
        .<Void>mapEmpty()
        .onComplete(started);
  }
}
