package io.mailroom.imap.server;

import io.mailroom.imap.command.Command;
import io.mailroom.imap.command.CommandParser;
import io.mailroom.imap.command.ParsedCommand;
import io.mailroom.imap.config.ImapConfig;
import io.mailroom.imap.push.ChangeListener;
import io.mailroom.imap.response.ResponseWriter;
import io.mailroom.imap.response.ResponseWriter.Status;
import io.mailroom.imap.session.CommandGate;
import io.mailroom.imap.session.SessionState;
import io.mailroom.imap.store.MailStore;
import io.mailroom.imap.wire.FrameDecoder;
import io.mailroom.imap.wire.FrameLimits;
import io.mailroom.imap.wire.FrameSink;
import io.mailroom.imap.wire.LiteralAnnouncement;
import io.mailroom.imap.wire.LiteralDecision;
import io.mailroom.imap.wire.RawCommand;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.io.IOException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One client connection: frames bytes into commands, runs them one at a time through the state gate
 * and the handlers, and sends the tagged result. Runs entirely on its Vert.x context. Literals and
 * APPEND uploads are {@link LiteralIntake}'s, mailbox news {@link MailboxNews}', IDLE {@link
 * IdleKeepAlive}'s, autologout and polling {@link PeriodicCheck}'s.
 */
final class ImapConnection implements FrameSink, ChangeListener {
  private static final Logger LOG = Logger.getLogger(ImapConnection.class);

  private final ImapServer server;
  private final NetSocket socket;
  private final Context context;
  private final FrameDecoder decoder;
  private final ResponseWriter out;
  private final String remoteAddress;
  private final LiteralIntake literals;
  private final MailboxNews news;
  private final IdleKeepAlive idle;
  private final PeriodicCheck check;
  private final ImapSession session;
  private final CommandRunner commands;
  private boolean closed;
  private boolean draining;
  private UniEmitter<? super RawCommand> lineWaiter;

  ImapConnection(ImapServer server, NetSocket socket, Context context, boolean tls) {
    this.server = server;
    this.socket = socket;
    this.context = context;
    ImapConfig.Limits limits = server.config().limits();
    this.decoder =
        new FrameDecoder(
            new FrameLimits(
                limits.maxLineLength(),
                limits.maxLineLength() + 4 * limits.maxInlineLiteral(),
                64 * 1024),
            this);
    this.out = new ResponseWriter(this::write, server.metrics()::bytesSent);
    MailStore store = server.store();
    this.remoteAddress =
        socket.remoteAddress() == null ? "unknown" : socket.remoteAddress().hostAddress();
    this.literals = new LiteralIntake(this, socket, context, out, store, server.config());
    this.news = new MailboxNews(this, out, store);
    this.idle = new IdleKeepAlive(server, out);
    this.check = new PeriodicCheck(server, this);
    this.session = new ImapSession(server, this, out, store, literals, news, idle, tls);
    this.commands = new CommandRunner(server, this, session, out, news);
  }

  String address() {
    return remoteAddress;
  }

  void start() {
    server.metrics().stateChanged(null, session.state().label());
    socket.handler(this::read);
    socket.closeHandler(v -> closed());
    socket.exceptionHandler(e -> LOG.debugf("connection error from %s: %s", remoteAddress, e));
    out.untaggedStatus("OK", "CAPABILITY " + session.capabilities(), "Mailroom ready");
    check.start();
  }

  private void read(Buffer buffer) {
    check.activity();
    decoder.feed(buffer.getBytes());
  }

  private void write(byte[] bytes) {
    if (!closed) {
      socket.write(Buffer.buffer(bytes));
    }
  }

  SessionState state() {
    return session.state();
  }

  ResponseWriter out() {
    return out;
  }

  boolean isClosed() {
    return closed;
  }

  boolean busy() {
    return commands.busy();
  }

  boolean idling() {
    return idle.idling();
  }

  /** Resumes reading an APPEND upload unless a command runs or a handler awaits a line. */
  void resumeSocketIfIdle() {
    if (!commands.busy() && !closed && lineWaiter == null) {
      socket.resume();
    }
  }

  // ------------------------------------------------------------------ framing

  @Override
  public LiteralDecision literal(LiteralAnnouncement announcement) {
    return literals.announced(announcement, lineWaiter != null);
  }

  @Override
  public void literalData(byte[] slice) {
    literals.data(slice);
  }

  @Override
  public void tooLong(String reason) {
    out.bye(reason);
    close();
  }

  @Override
  public void command(RawCommand raw) {
    if (lineWaiter != null) {
      var waiter = lineWaiter;
      lineWaiter = null;
      pauseInput();
      waiter.complete(raw);
      return;
    }
    if (raw.lines().size() == 1 && raw.lines().get(0).length == 0) {
      return; // an empty line is no command; ignore it like Dovecot does
    }
    ParsedCommand parsed = CommandParser.parse(raw);
    if (literals.uploading()
        && !(parsed instanceof ParsedCommand.Valid v && v.command() instanceof Command.Append)) {
      literals.cancel();
    }
    if (parsed instanceof ParsedCommand.Invalid invalid) {
      server.metrics().command("INVALID", "BAD", 0);
      out.tagged(invalid.tag(), Status.BAD, null, invalid.message());
      commands.badCommand();
    } else if (parsed instanceof ParsedCommand.Refused refused) {
      countRefused(refused.name(), Status.NO);
      out.tagged(refused.tag(), Status.NO, refused.code(), refused.message());
    } else if (parsed instanceof ParsedCommand.Valid valid) {
      Optional<String> refusal = CommandGate.refuse(valid.command(), session.state());
      if (refusal.isPresent()) {
        literals.cancel();
        server.metrics().command(valid.command().name(), "BAD", 0);
        out.tagged(valid.tag(), Status.BAD, null, refusal.get());
        commands.badCommand();
      } else {
        commands.run(valid.tag(), valid.command());
      }
    }
  }

  /** A command answered before it ran (a refused literal, an unsupported charset) still counts. */
  void countRefused(String name, Status status) {
    server.metrics().command(name, status.name(), 0);
  }

  /** The command finished with nothing to follow: the next one, unless the server drains. */
  void commandDone() {
    if (draining) {
      drainNow();
    } else {
      resumeInput();
    }
  }

  void startTls() {
    StartTlsUpgrade.begin(this, socket, decoder, session, out);
  }

  void pauseInput() {
    decoder.pause();
    socket.pause();
  }

  void resumeInput() {
    if (closed) {
      return;
    }
    socket.resume();
    decoder.resume();
  }

  /** The client's next line, for a handler (SASL responses, IDLE's DONE). */
  Uni<RawCommand> nextLine() {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              lineWaiter = emitter;
              resumeInput();
            });
  }

  // ------------------------------------------------------------------ push

  @Override
  public void mailboxChanged(long mailboxId) {
    context.runOnContext(
        v -> {
          if (session.state() instanceof SessionState.Selected selected
              && selected.mailbox().ref().mailboxId() == mailboxId) {
            hint();
          }
        });
  }

  /** The selected mailbox may have changed. */
  void hint() {
    news.hint(idle.idling());
  }

  // ------------------------------------------------------------------ ending

  /** Shutdown: BYE now if no command runs, else right after the running one. */
  void drain() {
    context.runOnContext(
        v -> {
          draining = true;
          if (!commands.busy() || idle.idling()) {
            drainNow();
          }
        });
  }

  private void drainNow() {
    out.bye("Server shutting down, please reconnect");
    close();
  }

  /** Closes once what was written (a BYE, a tagged reply) has gone out. */
  void close() {
    if (!closed) {
      socket.end();
      closed();
    }
  }

  private void closed() {
    if (closed) {
      return;
    }
    closed = true;
    decoder.stop();
    literals.cancel();
    if (lineWaiter != null) {
      lineWaiter.fail(new IOException("connection closed"));
      lineWaiter = null;
    }
    idle.idling(false);
    check.stop();
    session
        .registeredAccount()
        .ifPresent(
            account -> {
              server.registry().remove(account.username(), this);
              server.limits().closeSession(account.username());
            });
    server.metrics().stateChanged(session.state().label(), null);
    server.closed(this);
  }
}
