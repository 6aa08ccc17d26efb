package io.mailroom.pop3.server;

import io.mailroom.pop3.config.Pop3Config;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Accepts POP3 connections on the plaintext port. */
@ApplicationScoped
public class Pop3Server {
  private static final Logger LOG = Logger.getLogger(Pop3Server.class);

  private final Vertx vertx;
  private final Pop3Config config;
  private NetServer server;

  Pop3Server(Vertx vertx, Pop3Config config) {
    this.vertx = vertx;
    this.config = config;
  }

  void start(@Observes StartupEvent event) {
    server = vertx.createNetServer().connectHandler(this::accept);
    server.listen(config.port(), config.host()).toCompletionStage().toCompletableFuture().join();
    LOG.infof("POP3 listening on %s:%d", config.host(), config.port());
  }

  void stop(@Observes ShutdownEvent event) {
    if (server != null) {
      server.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS);
    }
  }

  private void accept(NetSocket socket) {
    socket.write("+OK Mailroom POP3 ready\r\n");
    var parser = RecordParser.newDelimited("\r\n");
    parser.maxRecordSize(512);
    parser.handler(
        line -> {
          var command = line.toString(StandardCharsets.US_ASCII).trim().toUpperCase();
          if (command.equals("QUIT")) {
            socket.write("+OK Mailroom signing off\r\n");
            socket.close();
          } else {
            socket.write("-ERR command not available yet\r\n");
          }
        });
    parser.exceptionHandler(e -> socket.close());
    socket.handler(parser);
  }
}
