package io.mailroom.filter.managesieve;

import io.mailroom.filter.config.FilterConfig;
import io.mailroom.filter.managesieve.command.AuthenticateHandler;
import io.mailroom.filter.managesieve.command.CapabilityHandler;
import io.mailroom.filter.managesieve.command.CheckScriptHandler;
import io.mailroom.filter.managesieve.command.CommandHandler;
import io.mailroom.filter.managesieve.command.DeleteScriptHandler;
import io.mailroom.filter.managesieve.command.GetScriptHandler;
import io.mailroom.filter.managesieve.command.HaveSpaceHandler;
import io.mailroom.filter.managesieve.command.ListScriptsHandler;
import io.mailroom.filter.managesieve.command.LogoutHandler;
import io.mailroom.filter.managesieve.command.NoopHandler;
import io.mailroom.filter.managesieve.command.PutScriptHandler;
import io.mailroom.filter.managesieve.command.RenameScriptHandler;
import io.mailroom.filter.managesieve.command.SetActiveHandler;
import io.mailroom.filter.managesieve.command.StartTlsHandler;
import io.mailroom.filter.script.ScriptService;
import io.mailroom.filter.store.StoreClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** ManageSieve (RFC 5804) on its own port; STARTTLS when a PEM pair is configured. */
@ApplicationScoped
public class ManageSieveServer {
  private static final Logger LOG = Logger.getLogger(ManageSieveServer.class);

  private final Vertx vertx;
  private final FilterConfig config;
  private final ScriptService scripts;
  private final StoreClient store;
  private NetServer server;
  private Map<String, CommandHandler> handlers;
  private AuthenticateHandler authenticate;
  private boolean tlsAvailable;

  ManageSieveServer(Vertx vertx, FilterConfig config, ScriptService scripts, StoreClient store) {
    this.vertx = vertx;
    this.config = config;
    this.scripts = scripts;
    this.store = store;
  }

  void start(@Observes StartupEvent event) {
    authenticate = new AuthenticateHandler(store);
    handlers =
        Map.ofEntries(
            Map.entry("CAPABILITY", new CapabilityHandler()),
            Map.entry("AUTHENTICATE", authenticate),
            Map.entry("STARTTLS", new StartTlsHandler()),
            Map.entry("LOGOUT", new LogoutHandler()),
            Map.entry("NOOP", new NoopHandler()),
            Map.entry("LISTSCRIPTS", new ListScriptsHandler(scripts)),
            Map.entry("GETSCRIPT", new GetScriptHandler(scripts)),
            Map.entry("PUTSCRIPT", new PutScriptHandler(scripts)),
            Map.entry("CHECKSCRIPT", new CheckScriptHandler(scripts)),
            Map.entry("SETACTIVE", new SetActiveHandler(scripts)),
            Map.entry("DELETESCRIPT", new DeleteScriptHandler(scripts)),
            Map.entry("RENAMESCRIPT", new RenameScriptHandler(scripts)),
            Map.entry("HAVESPACE", new HaveSpaceHandler(scripts)));
    var options = new NetServerOptions();
    var cert = config.tls().cert().filter(path -> Files.isReadable(Path.of(path)));
    var key = config.tls().key().filter(path -> Files.isReadable(Path.of(path)));
    if (cert.isPresent() && key.isPresent()) {
      // Not SSL from the first byte: the key pair is used by STARTTLS's upgrade.
      options.setKeyCertOptions(
          new PemKeyCertOptions().setCertPath(cert.get()).setKeyPath(key.get()));
      tlsAvailable = true;
    }
    var managesieve = config.managesieve();
    server = vertx.createNetServer(options).connectHandler(this::accept);
    server
        .listen(managesieve.port(), managesieve.host())
        .toCompletionStage()
        .toCompletableFuture()
        .join();
    LOG.infof(
        "ManageSieve listening on %s:%d (STARTTLS %s)",
        managesieve.host(), managesieve.port(), tlsAvailable ? "on" : "off");
  }

  void stop(@Observes ShutdownEvent event) {
    if (server != null) {
      server.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS);
    }
  }

  private void accept(NetSocket socket) {
    // A script may be a few octets over the limit in transit (CRLF); the service checks exactly.
    var maxLiteral = Math.max(config.scripts().maxSize(), config.managesieve().maxLineLength());
    new ManageSieveConnection(
            socket,
            vertx.getOrCreateContext(),
            handlers,
            authenticate,
            tlsAvailable,
            config.managesieve().maxFailedLogins(),
            config.managesieve().maxLineLength(),
            maxLiteral)
        .start();
  }
}
