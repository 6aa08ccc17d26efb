package io.mailroom.imap.server;

import io.mailroom.imap.config.ImapConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Accepts IMAP connections on the plaintext port. */
@ApplicationScoped
public class ImapServer {
  private static final Logger LOG = Logger.getLogger(ImapServer.class);

  private final Vertx vertx;
  private final ImapConfig config;
  private NetServer server;

  ImapServer(Vertx vertx, ImapConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  void start(@Observes StartupEvent event) {
    server = vertx.createNetServer().connectHandler(this::accept);
    server.listen(config.port(), config.host()).toCompletionStage().toCompletableFuture().join();
    LOG.infof("IMAP listening on %s:%d", config.host(), config.port());
  }

  void stop(@Observes ShutdownEvent event) {
    if (server != null) {
      server.close().toCompletionStage().toCompletableFuture().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  private void accept(NetSocket socket) {
    socket.write("* OK [CAPABILITY IMAP4rev1] Mailroom ready\r\n");
    var parser = RecordParser.newDelimited("\r\n");
    parser.maxRecordSize(8192);
    parser.handler(
        line -> {
          var text = line.toString(java.nio.charset.StandardCharsets.US_ASCII);
          var space = text.indexOf(' ');
          var tag = space > 0 ? text.substring(0, space) : "*";
          var command = space > 0 ? text.substring(space + 1).trim().toUpperCase() : "";
          if (command.equals("LOGOUT")) {
            socket.write("* BYE Mailroom logging out\r\n" + tag + " OK LOGOUT completed\r\n");
            socket.close();
          } else {
            socket.write(tag + " BAD command not available yet\r\n");
          }
        });
    parser.exceptionHandler(e -> socket.close());
    socket.handler(parser);
  }
}
