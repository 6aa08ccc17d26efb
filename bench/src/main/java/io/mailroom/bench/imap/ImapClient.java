package io.mailroom.bench.imap;

import io.mailroom.bench.SessionFailure;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A non-blocking IMAP4rev1 client for the load driver. Commands are tagged and may be pipelined;
 * each future completes with the tagged reply and the untagged responses that arrived while it was
 * the oldest command in flight. NO and BAD are replies for the caller to judge; only a broken
 * session (timeout, disconnect, unparseable bytes) fails a future, with an {@link SessionFailure}.
 *
 * <p>APPEND literals use LITERAL+ when the server offers it, otherwise wait for the {@code +}
 * continuation and hold later commands until the literal is sent. IDLE hands every untagged
 * response to a listener until {@link #done()}.
 *
 * <p>The client belongs to the event loop its socket was connected on; calls from another thread
 * hop onto it, so a workload can start sessions from the main thread.
 */
public final class ImapClient {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final Vertx vertx;
  private final NetSocket socket;
  private final Context context;
  private final Thread eventLoop;
  private final long timeoutMs;
  private final ResponseReader reader;
  private final Deque<Pending> inFlight = new ArrayDeque<>();
  // Commands written after a synchronizing literal must wait until its "+" came and it was sent.
  private final Deque<Runnable> heldBehindLiteral = new ArrayDeque<>();
  private final Promise<ImapResponse> greeting = Promise.promise();
  private Pending literalOwner;
  private Buffer literalRest;
  private Pending idling;
  private Handler<ImapResponse> unsolicited = r -> {};
  private Set<String> capabilities = Set.of();
  private int nextTag;
  private boolean closed;

  private static final class Pending {
    final String tag;
    final String command;
    final Promise<ImapReply> promise = Promise.promise();
    final List<ImapResponse> untagged = new ArrayList<>();
    Handler<ImapResponse> listener;
    Runnable onContinuation;
    long timer = -1;

    Pending(String tag, String command) {
      this.tag = tag;
      this.command = command;
    }
  }

  private ImapClient(Vertx vertx, NetSocket socket, Duration timeout) {
    this.vertx = vertx;
    this.socket = socket;
    this.context = vertx.getOrCreateContext();
    this.eventLoop = Thread.currentThread();
    this.timeoutMs = timeout.toMillis();
    this.reader = new ResponseReader(this::onResponse);
    socket.handler(this::onBytes);
    socket.closeHandler(v -> onClose());
    socket.exceptionHandler(e -> socket.close());
  }

  /**
   * Connects, reads the greeting (OK or PREAUTH) and learns the capabilities, from the greeting's
   * code when it has one, otherwise with a CAPABILITY command.
   */
  public static Future<ImapClient> connect(
      Vertx vertx, NetClient netClient, String host, int port, Duration timeout) {
    return netClient
        .connect(port, host)
        .compose(
            socket -> {
              ImapClient client = new ImapClient(vertx, socket, timeout);
              return client.awaitGreeting();
            });
  }

  private Future<ImapClient> awaitGreeting() {
    long timer =
        vertx.setTimer(
            timeoutMs,
            id -> {
              if (greeting.tryFail(
                  new SessionFailure(SessionFailure.Kind.TIMEOUT, "no greeting"))) {
                socket.close();
              }
            });
    return greeting
        .future()
        .compose(
            hello -> {
              vertx.cancelTimer(timer);
              String status = hello.firstWord().toUpperCase(Locale.ROOT);
              if (!status.equals("OK") && !status.equals("PREAUTH")) {
                socket.close();
                return Future.failedFuture(
                    new SessionFailure(SessionFailure.Kind.PROTOCOL, "greeting " + hello));
              }
              if (!capabilities.isEmpty()) {
                return Future.succeededFuture(this);
              }
              return command("CAPABILITY").map(this);
            });
  }

  /** Capabilities as last announced (the server may announce new ones after LOGIN). */
  public Set<String> capabilities() {
    return capabilities;
  }

  public boolean hasCapability(String name) {
    return capabilities.contains(name.toUpperCase(Locale.ROOT));
  }

  /** Where untagged responses go that arrive with no command in flight. */
  public void unsolicitedHandler(Handler<ImapResponse> handler) {
    this.unsolicited = handler;
  }

  public Future<ImapReply> command(String command) {
    return onContext(() -> dispatch(command, null, null));
  }

  public Future<ImapReply> login(String username, String password) {
    return command("LOGIN " + quote(username) + " " + quote(password));
  }

  public Future<ImapReply> select(String mailbox) {
    return command("SELECT " + quote(mailbox));
  }

  public Future<ImapReply> examine(String mailbox) {
    return command("EXAMINE " + quote(mailbox));
  }

  /** APPEND with the message as a literal; flags is "" or a parenthesized list like (\Seen). */
  public Future<ImapReply> append(String mailbox, String flags, Buffer message) {
    String head = "APPEND " + quote(mailbox) + (flags.isEmpty() ? "" : " " + flags);
    return onContext(() -> dispatch(head, message, null));
  }

  /**
   * Starts IDLE: the future completes when the server's continuation says it is idling; from then
   * on every untagged response goes to the listener. End it with {@link #done()}.
   */
  public Future<Void> idle(Handler<ImapResponse> listener) {
    return onContext(
        () -> {
          Promise<Void> started = Promise.promise();
          Pending[] idle = new Pending[1];
          Future<ImapReply> reply =
              dispatch(
                  "IDLE",
                  null,
                  p -> {
                    idle[0] = p;
                    p.listener = listener;
                    p.onContinuation =
                        () -> {
                          // Idling may last longer than any command: no timer until DONE.
                          cancelTimer(p);
                          started.tryComplete();
                        };
                  });
          idling = idle[0];
          reply.onComplete(
              ar -> {
                idling = null;
                started.tryFail(
                    ar.succeeded()
                        ? new SessionFailure(
                            SessionFailure.Kind.PROTOCOL, "IDLE refused: " + ar.result().tagged())
                        : ar.cause());
              });
          return started.future();
        });
  }

  /** Ends IDLE; the future is IDLE's tagged reply. */
  public Future<ImapReply> done() {
    return onContext(
        () -> {
          Pending p = idling;
          if (p == null) {
            return Future.failedFuture(new IllegalStateException("not idling"));
          }
          armTimer(p);
          write(Buffer.buffer("DONE\r\n"));
          return p.promise.future();
        });
  }

  /** LOGOUT, then closes the socket whatever the answer. */
  public Future<ImapReply> logout() {
    return command("LOGOUT").eventually(v -> close());
  }

  public Future<Void> close() {
    return onContext(
        () -> {
          if (closed) {
            return Future.succeededFuture();
          }
          closed = true;
          return socket.close();
        });
  }

  public boolean isClosed() {
    return closed;
  }

  /** A quoted string, for mailbox names and credentials (the driver never sends CR or LF). */
  public static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n') {
        throw new IllegalArgumentException("CR or LF in a quoted string");
      }
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }

  private Future<ImapReply> dispatch(
      String command, Buffer literal, java.util.function.Consumer<Pending> setUp) {
    if (closed) {
      return Future.failedFuture(
          new SessionFailure(
              SessionFailure.Kind.DISCONNECT, "closed before " + firstWord(command)));
    }
    Pending p = new Pending("a" + (++nextTag), command);
    if (setUp != null) {
      setUp.accept(p);
    }
    send(p, literal);
    return p.promise.future();
  }

  private void send(Pending p, Buffer literal) {
    if (literalOwner != null) {
      heldBehindLiteral.add(() -> send(p, literal));
      return;
    }
    if (closed) {
      p.promise.tryFail(new SessionFailure(SessionFailure.Kind.DISCONNECT, "closed"));
      return;
    }
    inFlight.add(p);
    armTimer(p);
    Buffer out = Buffer.buffer(p.tag.length() + p.command.length() + 16);
    out.appendString(p.tag).appendByte((byte) ' ').appendString(p.command, "UTF-8");
    if (literal == null) {
      write(out.appendString("\r\n"));
    } else if (hasCapability("LITERAL+")) {
      out.appendString(" {" + literal.length() + "+}\r\n").appendBuffer(literal);
      write(out.appendString("\r\n"));
    } else {
      write(out.appendString(" {" + literal.length() + "}\r\n"));
      literalOwner = p;
      literalRest = literal.copy().appendString("\r\n");
    }
  }

  private void write(Buffer bytes) {
    socket.write(bytes);
  }

  private void onBytes(Buffer chunk) {
    try {
      reader.feed(chunk);
    } catch (ResponseReader.Malformed e) {
      failAll(new SessionFailure(SessionFailure.Kind.PROTOCOL, e.getMessage()));
      socket.close();
    }
  }

  private void onResponse(ImapResponse response) {
    switch (response.kind()) {
      case UNTAGGED -> onUntagged(response);
      case CONTINUATION -> onContinuation();
      case TAGGED -> onTagged(response);
    }
  }

  private void onUntagged(ImapResponse response) {
    learnCapabilities(response);
    if (!greeting.future().isComplete()) {
      greeting.tryComplete(response);
      return;
    }
    Pending head = inFlight.peekFirst();
    if (head == null) {
      unsolicited.handle(response);
      return;
    }
    if (head.listener != null) {
      head.listener.handle(response);
    } else {
      head.untagged.add(response);
    }
  }

  private void onContinuation() {
    if (literalOwner != null) {
      write(literalRest);
      literalOwner = null;
      literalRest = null;
      releaseHeld();
      return;
    }
    for (Pending p : inFlight) {
      if (p.onContinuation != null) {
        p.onContinuation.run();
        return;
      }
    }
    failAll(new SessionFailure(SessionFailure.Kind.PROTOCOL, "continuation nobody asked for"));
    socket.close();
  }

  private void onTagged(ImapResponse response) {
    Pending match = null;
    for (Pending p : inFlight) {
      if (p.tag.equals(response.tag())) {
        match = p;
        break;
      }
    }
    if (match == null) {
      failAll(new SessionFailure(SessionFailure.Kind.PROTOCOL, "unknown tag: " + response));
      socket.close();
      return;
    }
    inFlight.remove(match);
    cancelTimer(match);
    learnCapabilities(response);
    if (literalOwner == match) {
      // Refused before the continuation: the literal is never sent.
      literalOwner = null;
      literalRest = null;
      releaseHeld();
    }
    match.promise.tryComplete(new ImapReply(match.command, response, match.untagged));
  }

  private void releaseHeld() {
    while (literalOwner == null && !heldBehindLiteral.isEmpty()) {
      heldBehindLiteral.poll().run();
    }
  }

  private void learnCapabilities(ImapResponse response) {
    String text = response.text();
    String list = null;
    if (response.isData("CAPABILITY")) {
      list = text.substring("CAPABILITY".length());
    } else {
      String code = response.responseCode();
      if (code.regionMatches(true, 0, "CAPABILITY ", 0, 11)) {
        list = code.substring(11);
      }
    }
    if (list != null) {
      Set<String> learned = new TreeSet<>();
      for (String cap : list.trim().split(" ")) {
        if (!cap.isEmpty()) {
          learned.add(cap.toUpperCase(Locale.ROOT));
        }
      }
      capabilities = Set.copyOf(learned);
    }
  }

  private void armTimer(Pending p) {
    if (timeoutMs <= 0) {
      return;
    }
    cancelTimer(p);
    p.timer = vertx.setTimer(timeoutMs, id -> onTimeout(p));
  }

  private void cancelTimer(Pending p) {
    if (p.timer >= 0) {
      vertx.cancelTimer(p.timer);
      p.timer = -1;
    }
  }

  private void onTimeout(Pending p) {
    p.timer = -1;
    if (p.promise.tryFail(
        new SessionFailure(
            SessionFailure.Kind.TIMEOUT,
            firstWord(p.command) + " had no reply within " + timeoutMs + " ms"))) {
      // The next reply could no longer be matched with confidence: the session is over.
      inFlight.remove(p);
      socket.close();
    }
  }

  private void onClose() {
    closed = true;
    greeting.tryFail(
        new SessionFailure(SessionFailure.Kind.DISCONNECT, "closed before the greeting"));
    failAll(new SessionFailure(SessionFailure.Kind.DISCONNECT, "connection closed"));
  }

  private void failAll(SessionFailure failure) {
    List<Pending> failed = new ArrayList<>(inFlight);
    inFlight.clear();
    literalOwner = null;
    literalRest = null;
    for (Pending p : failed) {
      cancelTimer(p);
      p.promise.tryFail(failure);
    }
    // Every caller closes the socket next; held commands, never written, fail when released.
    closed = true;
    Deque<Runnable> held = new ArrayDeque<>(heldBehindLiteral);
    heldBehindLiteral.clear();
    held.forEach(Runnable::run);
  }

  private <T> Future<T> onContext(Supplier<Future<T>> action) {
    if (Thread.currentThread() == eventLoop) {
      return action.get();
    }
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> action.get().onComplete(promise));
    return promise.future();
  }

  private static String firstWord(String command) {
    int space = command.indexOf(' ');
    return space < 0 ? command : command.substring(0, space);
  }
}
