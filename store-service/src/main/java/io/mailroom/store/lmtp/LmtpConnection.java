package io.mailroom.store.lmtp;

import io.mailroom.store.lmtp.command.LmtpCommandParser;
import io.mailroom.store.lmtp.handler.BodyDelivery;
import io.mailroom.store.lmtp.handler.CommandDispatcher;
import io.mailroom.store.lmtp.response.Reply;
import io.mailroom.store.lmtp.session.SessionState;
import io.mailroom.store.lmtp.session.Step;
import io.mailroom.store.lmtp.wire.Frame;
import io.mailroom.store.lmtp.wire.InboundBytes;
import io.mailroom.store.lmtp.wire.LmtpFrameReader;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * One LMTP session: bytes in → frames → commands → handlers → replies out. Frames are answered one
 * at a time and in order, which is all PIPELINING asks of a server; bytes that arrive meanwhile
 * wait in {@link InboundBytes}, and the socket is paused if too many wait. Everything here runs on
 * the connection's event-loop context; results from the store are brought back to it.
 */
final class LmtpConnection {
  private static final Logger LOG = Logger.getLogger(LmtpConnection.class);

  /** Unread client bytes beyond which the socket stops reading. */
  private static final long HIGH_WATER = 256 * 1024;

  private static final List<Integer> PROTOCOL_ERRORS = List.of(500, 501, 503, 555);

  private final Vertx vertx;
  private final NetSocket socket;
  private final LmtpConfig config;
  private final long maxMessageSize;
  private final CommandDispatcher dispatcher;
  private final BodyDelivery bodyDelivery;
  private final LmtpCommandParser parser = new LmtpCommandParser();
  private final InboundBytes inbound = new InboundBytes();
  private final LmtpFrameReader reader;
  private final Context context;
  private final Executor onConnection;

  private SessionState state = new SessionState.Greeted();
  private Spool spool;
  private boolean busy;
  private boolean delivering;
  private boolean closed;
  private boolean paused;
  private int errors;
  private long idleTimer = -1;

  LmtpConnection(
      Vertx vertx,
      NetSocket socket,
      LmtpConfig config,
      long maxMessageSize,
      CommandDispatcher dispatcher,
      BodyDelivery bodyDelivery) {
    this.vertx = vertx;
    this.socket = socket;
    this.config = config;
    this.maxMessageSize = maxMessageSize;
    this.dispatcher = dispatcher;
    this.bodyDelivery = bodyDelivery;
    this.reader = new LmtpFrameReader(config.maxLineLength());
    this.context = vertx.getOrCreateContext();
    this.onConnection = task -> context.runOnContext(v -> task.run());
  }

  void start() {
    socket.handler(this::received);
    socket.closeHandler(v -> disconnected());
    socket.exceptionHandler(e -> LOG.debugf("LMTP connection error: %s", e.getMessage()));
    send(new Reply(220, List.of(config.serverName() + " LMTP Mailroom ready")));
    armIdleTimer();
  }

  private void received(Buffer bytes) {
    inbound.add(bytes);
    if (inbound.pending() > HIGH_WATER && !paused) {
      paused = true;
      socket.pause();
    }
    armIdleTimer();
    pump();
  }

  /** Frames and answers queued input until it runs out or an answer is pending. */
  private void pump() {
    while (!busy && !closed) {
      if (spool != null && spool.congested(v -> pump())) {
        return;
      }
      Frame frame = reader.advance(inbound);
      if (paused && inbound.pending() < HIGH_WATER / 2) {
        paused = false;
        socket.resume();
      }
      if (frame == null) {
        return;
      }
      busy = true;
      answer(frame);
    }
  }

  private void answer(Frame frame) {
    if (frame instanceof Frame.CommandLine line) {
      dispatcher
          .dispatch(parser.parse(line.text()), state)
          .emitOn(onConnection)
          .subscribe()
          .with(this::apply, this::internalError);
    } else if (frame instanceof Frame.OverlongLine) {
      reply(Reply.of(500, "5.5.2", "line too long"));
      ready();
    } else if (frame instanceof Frame.EndOfBody end) {
      endOfBody(end);
    }
  }

  private void apply(Step step) {
    state = step.next();
    switch (step.after()) {
      case CLOSE -> {
        reply(step.reply());
        close();
      }
      case RECEIVE_BODY -> receiveBody(step.reply());
      case CONTINUE -> {
        reply(step.reply());
        ready();
      }
    }
  }

  /** Opens the spool before saying 354, so a full disk is a 451 now, not a lost message later. */
  private void receiveBody(Reply goAhead) {
    Spool.create(vertx, config.spoolDirectory().orElse(null))
        .onSuccess(
            opened -> {
              if (closed) {
                opened.discard();
                return;
              }
              spool = opened;
              reader.startBody(maxMessageSize, opened::write);
              reply(goAhead);
              ready();
            })
        .onFailure(
            e -> {
              LOG.warnf(e, "cannot create LMTP spool file");
              state = SessionState.reset(state);
              reply(Reply.of(451, "4.3.0", "cannot accept data now, try again later"));
              ready();
            });
  }

  private void endOfBody(Frame.EndOfBody end) {
    var data = (SessionState.Data) state;
    Spool body = spool;
    delivering = true;
    body.finish()
        .onSuccess(
            v ->
                bodyDelivery
                    .deliver(data, body.path(), end)
                    .emitOn(onConnection)
                    .subscribe()
                    .with(this::reply, this::internalError, () -> delivered(body)))
        .onFailure(
            e -> {
              Reply failed = Reply.of(451, "4.3.0", "message not stored, try again later");
              data.recipients().forEach(r -> reply(failed));
              delivered(body);
            });
  }

  private void delivered(Spool body) {
    body.discard();
    spool = null;
    delivering = false;
    state = SessionState.reset(state);
    ready();
  }

  private void ready() {
    busy = false;
    pump();
  }

  private void reply(Reply reply) {
    send(reply);
    if (PROTOCOL_ERRORS.contains(reply.code()) && ++errors >= config.maxErrors()) {
      send(Reply.of(421, "4.7.0", "too many errors, closing connection"));
      close();
    }
  }

  private void send(Reply reply) {
    if (!closed) {
      socket.write(reply.encode());
    }
  }

  private void internalError(Throwable failure) {
    LOG.errorf(failure, "LMTP session failed");
    send(Reply.of(421, "4.3.0", "internal error, closing connection"));
    if (spool != null) {
      spool.discard();
      spool = null;
    }
    close();
  }

  private void armIdleTimer() {
    if (idleTimer >= 0) {
      vertx.cancelTimer(idleTimer);
    }
    idleTimer = vertx.setTimer(config.idleTimeout().toMillis(), id -> idle());
  }

  private void idle() {
    idleTimer = -1;
    if (closed) {
      return;
    }
    if (busy) {
      // The client is waiting for us, not the other way round.
      armIdleTimer();
      return;
    }
    send(Reply.of(421, "4.4.2", "idle for too long, closing connection"));
    close();
  }

  private void close() {
    if (!closed) {
      socket.close();
      disconnected();
    }
  }

  /** Whatever the reason: a body that was still arriving is not delivered and not kept. */
  private void disconnected() {
    if (closed) {
      return;
    }
    closed = true;
    if (idleTimer >= 0) {
      vertx.cancelTimer(idleTimer);
    }
    if (spool != null && !delivering) {
      spool.discard();
      spool = null;
    }
  }
}
