package io.mailroom.imap.server;

import io.mailroom.imap.command.AppendParser;
import io.mailroom.imap.command.ArgumentReader;
import io.mailroom.imap.command.Command;
import io.mailroom.imap.command.CommandParser;
import io.mailroom.imap.command.ParsedCommand;
import io.mailroom.imap.command.SyntaxError;
import io.mailroom.imap.config.ImapConfig;
import io.mailroom.imap.handler.CommandContext;
import io.mailroom.imap.handler.Completion;
import io.mailroom.imap.handler.LoginGuard;
import io.mailroom.imap.handler.StoreErrors;
import io.mailroom.imap.push.ChangeListener;
import io.mailroom.imap.response.ResponseWriter;
import io.mailroom.imap.response.ResponseWriter.Status;
import io.mailroom.imap.response.UpdateWriter;
import io.mailroom.imap.session.CommandGate;
import io.mailroom.imap.session.MessageSequence;
import io.mailroom.imap.session.SessionState;
import io.mailroom.imap.store.AccountSession;
import io.mailroom.imap.store.AppendSpec;
import io.mailroom.imap.store.Appended;
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
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One client connection: frames bytes into commands, runs them one at a time through the state gate
 * and the handlers, and sends the tagged result. Runs entirely on its Vert.x context.
 */
final class ImapConnection implements FrameSink, CommandContext, ChangeListener {
  private static final Logger LOG = Logger.getLogger(ImapConnection.class);

  private final ImapServer server;
  private final NetSocket socket;
  private final Context context;
  private final FrameDecoder decoder;
  private final ResponseWriter out;
  private final MailStore store;
  private final String remoteAddress;
  private boolean tls;

  private SessionState state = new SessionState.NotAuthenticated();
  private AccountSession registeredAccount;
  private int badCommands;
  private boolean busy;
  private boolean closed;
  private boolean draining;
  private boolean dirty;
  private boolean idling;
  private boolean condstore;
  private long keepAliveTimer = -1;
  private long pollTimer = -1;
  private long lastActivity = System.nanoTime();
  private UniEmitter<? super RawCommand> lineWaiter;
  private AppendUpload upload;
  private Uni<Appended> pendingAppend;

  ImapConnection(ImapServer server, NetSocket socket, Context context, boolean tls) {
    this.server = server;
    this.socket = socket;
    this.context = context;
    this.tls = tls;
    ImapConfig.Limits limits = server.config().limits();
    this.decoder =
        new FrameDecoder(
            new FrameLimits(
                limits.maxLineLength(),
                limits.maxLineLength() + 4 * limits.maxInlineLiteral(),
                64 * 1024),
            this);
    this.out = new ResponseWriter(this::write, server.metrics()::bytesSent);
    this.store = new ContextBoundStore(server.store(), context);
    this.remoteAddress =
        socket.remoteAddress() == null ? "unknown" : socket.remoteAddress().hostAddress();
  }

  String address() {
    return remoteAddress;
  }

  void start() {
    server.metrics().stateChanged(null, state.label());
    socket.handler(this::read);
    socket.closeHandler(v -> closed());
    socket.exceptionHandler(e -> LOG.debugf("connection error from %s: %s", remoteAddress, e));
    out.untaggedStatus("OK", "CAPABILITY " + capabilities(), "Mailroom ready");
    pollTimer =
        server.vertx().setPeriodic(server.config().push().pollInterval().toMillis(), id -> tick());
  }

  private void read(Buffer buffer) {
    lastActivity = System.nanoTime();
    decoder.feed(buffer.getBytes());
  }

  private void write(byte[] bytes) {
    if (!closed) {
      socket.write(Buffer.buffer(bytes));
    }
  }

  // ------------------------------------------------------------------ framing

  @Override
  public LiteralDecision literal(LiteralAnnouncement announcement) {
    if (lineWaiter != null) {
      return announcement.size() <= server.config().limits().maxInlineLiteral()
          ? syncOk(announcement, LiteralDecision.BUFFER)
          : refuse(announcement, "*", Status.BAD, null, "Literal too large");
    }
    var reader = new ArgumentReader(announcement.prefix());
    String tag;
    try {
      tag = reader.tag();
    } catch (SyntaxError e) {
      tag = "*";
    }
    Optional<AppendParser.Header> append = appendHeader(reader);
    if (append.isPresent()) {
      return startAppend(announcement, tag, append.get());
    }
    if (announcement.size() > server.config().limits().maxInlineLiteral()) {
      return refuse(announcement, tag, Status.BAD, null, "Literal too large");
    }
    return syncOk(announcement, LiteralDecision.BUFFER);
  }

  /** The APPEND whose message literal this is, if it is one. */
  private static Optional<AppendParser.Header> appendHeader(ArgumentReader reader) {
    try {
      reader.sp();
      if (!reader.atom().equalsIgnoreCase("APPEND")) {
        return Optional.empty();
      }
      var header = AppendParser.header(reader);
      return reader.onLastLine() ? Optional.of(header) : Optional.empty();
    } catch (SyntaxError e) {
      return Optional.empty();
    }
  }

  private LiteralDecision startAppend(
      LiteralAnnouncement announcement, String tag, AppendParser.Header header) {
    Optional<AccountSession> account = state.loggedInAccount();
    if (account.isEmpty()) {
      return refuse(announcement, tag, Status.BAD, null, "Log in first");
    }
    if (announcement.size() > server.config().limits().appendLimit()) {
      return refuse(
          announcement,
          tag,
          announcement.nonSynchronizing() ? Status.BAD : Status.NO,
          "TOOBIG",
          "Message larger than APPENDLIMIT " + server.config().limits().appendLimit());
    }
    var spec =
        new AppendSpec(
            header.mailbox(),
            header.flags(),
            header.date().map(d -> d.toInstant().toEpochMilli()).orElse(0L),
            header.date().map(d -> d.getOffset().getTotalSeconds() / 60).orElse(0),
            announcement.size());
    upload = new AppendUpload(socket::pause, () -> context.runOnContext(v -> resumeSocketIfIdle()));
    pendingAppend = store.append(account.get(), spec, upload.data()).memoize().indefinitely();
    // Subscribe now so the bytes flow to the store while they arrive.
    pendingAppend.subscribe().with(ok -> {}, e -> {});
    if (announcement.size() == 0) {
      upload.push(new byte[0]);
    }
    return syncOk(announcement, LiteralDecision.STREAM);
  }

  private void resumeSocketIfIdle() {
    if (!busy && !closed && lineWaiter == null) {
      socket.resume();
    }
  }

  private LiteralDecision syncOk(LiteralAnnouncement announcement, LiteralDecision decision) {
    if (!announcement.nonSynchronizing()) {
      out.continuation("Ready for literal data");
    }
    return decision;
  }

  private LiteralDecision refuse(
      LiteralAnnouncement announcement, String tag, Status status, String code, String text) {
    out.tagged(tag, status, code, text);
    if (announcement.nonSynchronizing()) {
      // Its bytes are already on the way; reading them would defeat the limit.
      out.bye("Literal refused, closing");
      close();
    }
    return LiteralDecision.REFUSE;
  }

  @Override
  public void literalData(byte[] slice) {
    if (upload != null) {
      upload.push(slice);
    }
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
    if (upload != null
        && !(parsed instanceof ParsedCommand.Valid v && v.command() instanceof Command.Append)) {
      cancelUpload();
    }
    if (parsed instanceof ParsedCommand.Invalid invalid) {
      server.metrics().command("INVALID", "BAD", 0);
      out.tagged(invalid.tag(), Status.BAD, null, invalid.message());
      badCommand();
    } else if (parsed instanceof ParsedCommand.Refused refused) {
      out.tagged(refused.tag(), Status.NO, refused.code(), refused.message());
    } else if (parsed instanceof ParsedCommand.Valid valid) {
      Optional<String> refusal = CommandGate.refuse(valid.command(), state);
      if (refusal.isPresent()) {
        cancelUpload();
        server.metrics().command(valid.command().name(), "BAD", 0);
        out.tagged(valid.tag(), Status.BAD, null, refusal.get());
        badCommand();
      } else {
        run(valid.tag(), valid.command());
      }
    }
  }

  private void badCommand() {
    if (++badCommands >= server.config().limits().maxBadCommands()) {
      out.bye("Too many invalid commands");
      close();
    }
  }

  private void cancelUpload() {
    if (upload != null) {
      upload.cancel(new IOException("APPEND abandoned"));
      upload = null;
      pendingAppend = null;
    }
  }

  // ------------------------------------------------------------------ running a command

  private void run(String tag, Command command) {
    busy = true;
    pauseInput();
    long started = System.nanoTime();
    Uni.createFrom()
        .deferred(() -> server.handlers().handle(command, this))
        .onFailure()
        .recoverWithItem(ImapConnection::failed)
        .call(completion -> afterCommand(command))
        .subscribe()
        .with(
            completion -> finish(tag, command, completion, started),
            error -> finish(tag, command, failed(error), started));
  }

  private static Completion failed(Throwable error) {
    if (error instanceof MessageSequence.InvalidSet || error instanceof SyntaxError) {
      return Completion.bad(error.getMessage());
    }
    if (!(error instanceof io.mailroom.imap.store.StoreFailure || error instanceof IOException)) {
      LOG.warn("command failed", error);
    }
    return StoreErrors.completion(error);
  }

  /** News for the client before the tagged reply; no EXPUNGE after FETCH, STORE or SEARCH. */
  private Uni<Void> afterCommand(Command command) {
    boolean expungeAllowed =
        !(command instanceof Command.Fetch
            || command instanceof Command.Store
            || command instanceof Command.Search);
    if (dirty && state instanceof SessionState.Selected) {
      return refresh(expungeAllowed);
    }
    flushUpdates(expungeAllowed);
    return Uni.createFrom().voidItem();
  }

  private void finish(String tag, Command command, Completion completion, long started) {
    if (closed) {
      return;
    }
    out.tagged(tag, completion.status(), completion.code(), completion.text());
    server
        .metrics()
        .command(command.name(), completion.status().name(), System.nanoTime() - started);
    if (completion.status() == Status.BAD) {
      badCommand();
    } else {
      badCommands = 0;
    }
    busy = false;
    switch (completion.after()) {
      case CLOSE -> {
        if (!(state instanceof SessionState.Logout)) {
          out.bye(completion.text());
        }
        close();
      }
      case START_TLS -> startTls();
      case NOTHING -> {
        if (draining) {
          drainNow();
        } else {
          resumeInput();
        }
      }
    }
  }

  private void startTls() {
    if (decoder.hasBufferedInput()) {
      // Anything pipelined after STARTTLS was sent in the clear: it must not run (CVE-2011-0411).
      out.bye("Data after STARTTLS");
      close();
      return;
    }
    // The handshake needs the socket reading; commands wait in the paused decoder meanwhile.
    socket.resume();
    socket
        .upgradeToSsl()
        .onComplete(
            result -> {
              if (result.succeeded()) {
                tls = true;
                resumeInput();
              } else {
                LOG.warnf("STARTTLS from %s failed: %s", remoteAddress, result.cause());
                close();
              }
            });
  }

  private void pauseInput() {
    decoder.pause();
    socket.pause();
  }

  private void resumeInput() {
    if (closed) {
      return;
    }
    socket.resume();
    decoder.resume();
  }

  // ------------------------------------------------------------------ CommandContext

  @Override
  public SessionState state() {
    return state;
  }

  @Override
  public void state(SessionState next) {
    server.metrics().stateChanged(state.label(), next.label());
    state = next;
  }

  @Override
  public ResponseWriter out() {
    return out;
  }

  @Override
  public MailStore store() {
    return store;
  }

  @Override
  public ImapConfig config() {
    return server.config();
  }

  @Override
  public String remoteAddress() {
    return remoteAddress;
  }

  @Override
  public String capabilities() {
    var caps = new StringBuilder("IMAP4rev1");
    boolean loginDisabled = server.config().tls().required() && !tls;
    if (state instanceof SessionState.NotAuthenticated) {
      if (!tls && server.tlsAvailable()) {
        caps.append(" STARTTLS");
      }
      caps.append(loginDisabled ? " LOGINDISABLED" : " AUTH=PLAIN");
    }
    caps.append(" SASL-IR LITERAL+ ID ENABLE IDLE NAMESPACE UIDPLUS MOVE UNSELECT CHILDREN")
        .append(" CONDSTORE")
        .append(" SPECIAL-USE CREATE-SPECIAL-USE APPENDLIMIT=")
        .append(server.config().limits().appendLimit());
    return caps.toString();
  }

  @Override
  public boolean tlsActive() {
    return tls;
  }

  @Override
  public boolean tlsAvailable() {
    return server.tlsAvailable();
  }

  @Override
  public Uni<RawCommand> nextLine() {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              lineWaiter = emitter;
              resumeInput();
            });
  }

  @Override
  public Uni<Void> refresh(boolean expungeAllowed) {
    if (!(state instanceof SessionState.Selected selected)) {
      return Uni.createFrom().voidItem();
    }
    dirty = false;
    var mailbox = selected.mailbox();
    return store
        .changes(selected.account(), mailbox.ref(), mailbox.modseq())
        .invoke(
            changes -> {
              if (state != selected || closed) {
                return;
              }
              if (!mailbox.apply(changes)) {
                out.bye("Mailbox was re-created, select it again");
                close();
                return;
              }
              flushUpdates(expungeAllowed);
            })
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(
            e -> {
              LOG.debugf("change check failed: %s", e.getMessage());
              dirty = true;
              return Uni.createFrom().voidItem();
            });
  }

  @Override
  public void flushUpdates(boolean expungeAllowed) {
    if (state instanceof SessionState.Selected selected) {
      UpdateWriter.write(out, selected.mailbox().drain(expungeAllowed), false, condstore);
    }
  }

  @Override
  public boolean condstore() {
    return condstore;
  }

  @Override
  public boolean enableCondstore() {
    if (condstore) {
      return false;
    }
    condstore = true;
    if (state instanceof SessionState.Selected selected) {
      out.untaggedStatus("OK", "HIGHESTMODSEQ " + selected.mailbox().modseq(), "Highest");
    }
    return true;
  }

  @Override
  public void changed(long mailboxId) {
    if (registeredAccount != null) {
      server.registry().changed(registeredAccount.username(), mailboxId, this);
    }
  }

  @Override
  public void markDirty() {
    dirty = true;
  }

  @Override
  public Optional<Uni<Appended>> takeAppend() {
    if (upload == null) {
      return Optional.empty();
    }
    upload.complete();
    var result = pendingAppend;
    upload = null;
    pendingAppend = null;
    return Optional.of(result);
  }

  @Override
  public void idling(boolean on) {
    if (on == idling) {
      return;
    }
    idling = on;
    server.metrics().idling(on);
    if (on) {
      keepAliveTimer =
          server
              .vertx()
              .setPeriodic(
                  server.config().push().idleKeepAlive().toMillis(),
                  id -> out.untaggedStatus("OK", null, "Still here"));
    } else if (keepAliveTimer >= 0) {
      server.vertx().cancelTimer(keepAliveTimer);
      keepAliveTimer = -1;
    }
  }

  @Override
  public Uni<Void> delay(Duration delay) {
    if (delay.isZero()) {
      return Uni.createFrom().voidItem();
    }
    return Uni.createFrom()
        .emitter(e -> server.vertx().setTimer(delay.toMillis(), id -> e.complete(null)));
  }

  @Override
  public LoginGuard loginGuard() {
    return server.loginThrottle();
  }

  @Override
  public boolean loggedIn(AccountSession account) {
    if (!server.limits().openSession(account.username())) {
      return false;
    }
    registeredAccount = account;
    server.registry().add(account.username(), this);
    return true;
  }

  // ------------------------------------------------------------------ push

  @Override
  public void mailboxChanged(long mailboxId) {
    context.runOnContext(
        v -> {
          if (state instanceof SessionState.Selected selected
              && selected.mailbox().ref().mailboxId() == mailboxId) {
            hint();
          }
        });
  }

  private void hint() {
    dirty = true;
    if (idling) {
      refresh(true).subscribe().with(v -> {}, e -> {});
    }
  }

  private void tick() {
    if (closed) {
      return;
    }
    long quietNanos = System.nanoTime() - lastActivity;
    if (!idling && !busy && quietNanos > server.config().limits().idleTimeout().toNanos()) {
      out.bye("Autologout; idle for too long");
      close();
      return;
    }
    if (state instanceof SessionState.Selected) {
      hint();
    }
  }

  // ------------------------------------------------------------------ ending

  /** Shutdown: BYE now if no command runs, else right after the running one. */
  void drain() {
    context.runOnContext(
        v -> {
          draining = true;
          if (!busy || idling) {
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
    cancelUpload();
    if (lineWaiter != null) {
      lineWaiter.fail(new IOException("connection closed"));
      lineWaiter = null;
    }
    idling(false);
    if (pollTimer >= 0) {
      server.vertx().cancelTimer(pollTimer);
    }
    if (registeredAccount != null) {
      server.registry().remove(registeredAccount.username(), this);
      server.limits().closeSession(registeredAccount.username());
    }
    server.metrics().stateChanged(state.label(), null);
    server.closed(this);
  }
}
