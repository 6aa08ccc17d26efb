package io.mailroom.pop3.server;

import io.mailroom.pop3.command.Command;
import io.mailroom.pop3.command.CommandParser;
import io.mailroom.pop3.command.Parsed;
import io.mailroom.pop3.handler.Handlers;
import io.mailroom.pop3.handler.Outcome;
import io.mailroom.pop3.metrics.Pop3Metrics;
import io.mailroom.pop3.response.Reply;
import io.mailroom.pop3.response.ReplyWriter;
import io.mailroom.pop3.response.ResponseCode;
import io.mailroom.pop3.session.CommandGate;
import io.mailroom.pop3.session.Session;
import io.mailroom.pop3.session.SessionState;
import io.mailroom.pop3.wire.Frame;
import io.mailroom.pop3.wire.LineFramer;
import io.mailroom.pop3.wire.Pipeline;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * One client connection: bytes in through the framer and the pipeline, one command at a time
 * through parser, gate and handler, the reply out through the writer. Runs on the socket's event
 * loop only.
 */
final class Pop3Connection {
  private static final Logger LOG = Logger.getLogger(Pop3Connection.class);
  private static final CommandParser PARSER = new CommandParser();

  private final NetSocket socket;
  private final Session session;
  private final Handlers handlers;
  private final Pop3Metrics metrics;
  private final int maxErrors;
  private final LineFramer framer;
  private final Pipeline pipeline;
  private final ReplyWriter writer;
  private final Runnable onClosed;
  private boolean paused;
  private boolean draining;
  private boolean closing;

  Pop3Connection(
      NetSocket socket,
      Session session,
      Handlers handlers,
      Pop3Metrics metrics,
      int maxLine,
      int maxErrors,
      int maxPipelined,
      Runnable onClosed) {
    this.socket = socket;
    this.session = session;
    this.handlers = handlers;
    this.metrics = metrics;
    this.maxErrors = maxErrors;
    this.onClosed = onClosed;
    this.framer = new LineFramer(maxLine);
    this.pipeline = new Pipeline(this::process, maxPipelined);
    this.writer =
        new ReplyWriter(
            bytes ->
                Uni.createFrom()
                    .completionStage(() -> socket.write(Buffer.buffer(bytes)).toCompletionStage()),
            metrics::bytesSent);
  }

  void start() {
    metrics.sessionOpened();
    socket.handler(this::received);
    socket.exceptionHandler(e -> LOG.debugf("POP3 session %s: %s", session.id(), e));
    socket.closeHandler(ignored -> closed());
    writer.writeRaw("+OK Mailroom POP3 server ready").subscribe().with(ok -> {}, e -> close());
  }

  /** SIGTERM: finish the command in flight, then close without entering UPDATE. */
  void drain() {
    draining = true;
    if (!pipeline.busy()) {
      shutDown();
    }
  }

  void forceClose() {
    close();
  }

  private void received(Buffer bytes) {
    pipeline.offer(framer.feed(bytes.getBytes()));
    if (pipeline.overloaded() && !paused) {
      paused = true;
      socket.pause();
    }
  }

  private void process(Frame frame) {
    if (closing) {
      return;
    }
    if (frame instanceof Frame.TooLong tooLong) {
      pipeline.stop();
      metrics.command("UNKNOWN", "err", Duration.ZERO);
      writer
          .write(Reply.err("line too long (over " + tooLong.limit() + " octets), closing"))
          .subscribe()
          .with(ok -> close(), e -> close());
      return;
    }
    String line = ((Frame.Line) frame).text();
    long started = System.nanoTime();
    Command command;
    if (session.state() instanceof SessionState.SaslPending) {
      command = new Command.SaslResponse(line);
    } else {
      Parsed parsed = PARSER.parse(line);
      if (parsed instanceof Parsed.Rejected rejected) {
        finish(rejected.commandName(), Outcome.of(Reply.err(rejected.reason())), started);
        return;
      }
      command = ((Parsed.Ok) parsed).command();
    }
    var refusal = CommandGate.refuse(command, session);
    if (refusal.isPresent()) {
      finish(command.name(), Outcome.of(refusal.get()), started);
      return;
    }
    if (session.isLockLost()
        && session.state() instanceof SessionState.Transaction
        && !(command instanceof Command.Quit)) {
      finish(
          command.name(),
          Outcome.closing(Reply.err(ResponseCode.SYS_TEMP, "maildrop lock lost, closing")),
          started);
      return;
    }
    Uni<Outcome> outcome;
    try {
      outcome = handlers.handle(command, session);
    } catch (RuntimeException e) {
      LOG.error("POP3 handler failed", e);
      outcome = Uni.createFrom().failure(e);
    }
    outcome
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.error("POP3 command failed", e);
              return Outcome.of(Reply.err(ResponseCode.SYS_TEMP, "internal error"));
            })
        .subscribe()
        .with(result -> finish(command.name(), result, started));
  }

  /** Sends the reply, records it, and decides what happens next. */
  private void finish(String name, Outcome outcome, long started) {
    boolean ok = outcome.reply().status().ok();
    Outcome effective = outcome;
    if (ok) {
      session.succeeded();
    } else if (session.refused() >= maxErrors && outcome.then() == Outcome.Then.CONTINUE) {
      effective =
          Outcome.closing(
              Reply.err("too many errors, closing: " + outcome.reply().status().text()));
    }
    Outcome next = effective;
    writer
        .write(next.reply())
        .subscribe()
        .with(
            sent -> {
              metrics.command(
                  name, ok ? "ok" : "err", Duration.ofNanos(System.nanoTime() - started));
              proceed(next);
            },
            failure -> {
              // a stream broke after +OK: the client cannot tell where the message ended
              metrics.command(name, "err", Duration.ofNanos(System.nanoTime() - started));
              LOG.warnf("POP3 session %s: reply failed, closing: %s", session.id(), failure);
              close();
            });
  }

  private void proceed(Outcome outcome) {
    switch (outcome.then()) {
      case CLOSE:
        close();
        return;
      case START_TLS:
        startTls();
        return;
      default:
        if (draining) {
          shutDown();
          return;
        }
        if (paused && !pipeline.overloaded()) {
          paused = false;
          socket.resume();
        }
        pipeline.next();
    }
  }

  private void startTls() {
    // RFC 2595 section 3.1: anything pipelined behind STLS was sent in plaintext; drop it
    framer.reset();
    pipeline.discardWaiting();
    socket
        .upgradeToSsl()
        .onComplete(
            done -> {
              if (done.failed()) {
                LOG.debugf("STLS handshake failed: %s", done.cause());
                close();
                return;
              }
              session.tlsStarted();
              // RFC 2595 section 4: the client must forget what it knew, so must the server
              session.state(SessionState.Authorization.fresh());
              pipeline.next();
            });
  }

  private void shutDown() {
    pipeline.stop();
    writer
        .write(Reply.err(ResponseCode.SYS_TEMP, "server shutting down, try again shortly"))
        .subscribe()
        .with(ok -> close(), e -> close());
  }

  private void close() {
    if (!closing) {
      closing = true;
      pipeline.stop();
      socket.close();
    }
  }

  private void closed() {
    closing = true;
    pipeline.stop();
    session.ended();
    // a dropped connection never enters UPDATE: nothing is deleted, the lock is released
    if (session.state() instanceof SessionState.Transaction t) {
      session
          .store()
          .release(t.login(), t.lock())
          .subscribe()
          .with(
              ok -> {},
              e -> LOG.debugf("lock release at disconnect failed; the lease will expire: %s", e));
    }
    onClosed.run(); // frees the connection slots first: sessions open == 0 means all are free
    metrics.sessionClosed();
  }
}
