package io.mailroom.filter.managesieve;

import io.mailroom.filter.managesieve.command.AuthenticateHandler;
import io.mailroom.filter.managesieve.command.CommandHandler;
import io.mailroom.filter.managesieve.wire.Argument;
import io.mailroom.filter.managesieve.wire.CommandFramer;
import io.mailroom.filter.managesieve.wire.Framed;
import io.mailroom.filter.managesieve.wire.FramingException;
import io.mailroom.filter.sieve.Capabilities;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One ManageSieve connection: frames commands, runs them one at a time in order (pipelined commands
 * wait in a queue), writes each reply, and handles STARTTLS and closing. Everything runs on the
 * connection's Vert.x context.
 */
final class ManageSieveConnection implements Session {
  private static final Logger LOG = Logger.getLogger(ManageSieveConnection.class);
  private static final int MAX_QUEUED = 32;

  private final NetSocket socket;
  private final Context context;
  private final Map<String, CommandHandler> handlers;
  private final AuthenticateHandler authenticate;
  private final boolean tlsAvailable;
  private final int maxFailedLogins;
  private final CommandFramer framer;
  private final ArrayDeque<Framed> queue = new ArrayDeque<>();

  private SessionState state = new SessionState.NotAuthenticated();
  private boolean busy;
  private boolean closed;
  private int failedLogins;

  ManageSieveConnection(
      NetSocket socket,
      Context context,
      Map<String, CommandHandler> handlers,
      AuthenticateHandler authenticate,
      boolean tlsAvailable,
      int maxFailedLogins,
      int maxLine,
      int maxLiteral) {
    this.socket = socket;
    this.context = context;
    this.handlers = handlers;
    this.authenticate = authenticate;
    this.tlsAvailable = tlsAvailable;
    this.maxFailedLogins = maxFailedLogins;
    this.framer = new CommandFramer(maxLine, maxLiteral, this::enqueue);
  }

  void start() {
    socket.handler(this::received);
    socket.closeHandler(ignored -> closed = true);
    socket.exceptionHandler(e -> socket.close());
    write(capabilities().status("OK", null, "Mailroom ManageSieve ready"));
  }

  private void received(Buffer buffer) {
    try {
      framer.feed(buffer.getBytes());
    } catch (FramingException e) {
      write(Reply.bye(e.getMessage()));
      return;
    }
    drain();
  }

  private void enqueue(Framed framed) {
    if (queue.size() >= MAX_QUEUED) {
      write(Reply.bye("too many pipelined commands"));
      return;
    }
    queue.add(framed);
  }

  private void drain() {
    while (!busy && !closed && !queue.isEmpty()) {
      var next = queue.poll();
      busy = true;
      run(next)
          .onFailure()
          .recoverWithItem(e -> Reply.no("TRYLATER", "internal error"))
          .subscribe()
          .with(
              reply ->
                  context.runOnContext(
                      ignored -> {
                        busy = false;
                        write(reply);
                        drain();
                      }));
    }
  }

  private Uni<Reply> run(Framed framed) {
    if (framed instanceof Framed.Malformed malformed) {
      state =
          state instanceof SessionState.AwaitingSaslResponse
              ? new SessionState.NotAuthenticated()
              : state;
      return Uni.createFrom().item(Reply.no(malformed.reason()));
    }
    if (framed instanceof Framed.TooLarge tooLarge) {
      return Uni.createFrom()
          .item(
              Reply.no(
                  "QUOTA/MAXSIZE",
                  "too large: at most " + tooLarge.limit() + " octets are accepted"));
    }
    var arguments = ((Framed.Command) framed).arguments();
    if (state instanceof SessionState.AwaitingSaslResponse) {
      return authenticate.respond(this, arguments);
    }
    if (!(arguments.get(0) instanceof Argument.Atom name)) {
      return Uni.createFrom().item(Reply.no("expected a command name"));
    }
    var handler = handlers.get(name.text().toUpperCase(Locale.ROOT));
    if (handler == null) {
      return Uni.createFrom().item(Reply.no("unknown command"));
    }
    if (handler.needsAuthentication() && username() == null) {
      return Uni.createFrom().item(Reply.no("authenticate first"));
    }
    return handler.handle(this, List.copyOf(arguments.subList(1, arguments.size())));
  }

  private void write(Reply reply) {
    if (closed) {
      return;
    }
    socket.write(Buffer.buffer(reply.bytes()));
    if (reply.closes()) {
      closed = true;
      socket.close();
    } else if (reply.startsTls()) {
      // Commands pipelined after STARTTLS must not be read in clear text.
      queue.clear();
      socket
          .upgradeToSsl()
          .onSuccess(ignored -> write(capabilities().status("OK", null, "TLS active")))
          .onFailure(
              e -> {
                LOG.debugf("STARTTLS failed: %s", e.getMessage());
                socket.close();
              });
    }
  }

  @Override
  public SessionState state() {
    return state;
  }

  @Override
  public void state(SessionState state) {
    this.state = state;
  }

  @Override
  public boolean tls() {
    return socket.isSsl();
  }

  @Override
  public boolean tlsAvailable() {
    return tlsAvailable;
  }

  @Override
  public String remoteAddress() {
    return socket.remoteAddress() == null ? "" : socket.remoteAddress().hostAddress();
  }

  @Override
  public boolean failedLogin() {
    return ++failedLogins >= maxFailedLogins;
  }

  @Override
  public Reply capabilities() {
    var reply = new Reply();
    reply.string("IMPLEMENTATION").space().string("Mailroom").crlf();
    reply.string("SASL").space().string(username() == null ? "PLAIN" : "").crlf();
    reply.string("SIEVE").space().string(String.join(" ", Capabilities.ADVERTISED)).crlf();
    if (tlsAvailable && !tls()) {
      reply.string("STARTTLS").crlf();
    }
    if (username() != null) {
      reply.string("OWNER").space().string(username()).crlf();
    }
    reply.string("VERSION").space().string("1.0").crlf();
    return reply;
  }
}
