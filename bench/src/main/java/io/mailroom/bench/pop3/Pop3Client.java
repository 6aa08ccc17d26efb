package io.mailroom.bench.pop3;

import io.mailroom.bench.OwnContext;
import io.mailroom.bench.SessionFailure;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A non-blocking POP3 client (RFC 1939) for the load driver: one command at a time.
 *
 * <p>-ERR replies come back as {@link Pop3Reply}s for the caller to judge; a broken session fails
 * the future with a {@link SessionFailure}, and after a timeout the socket is closed because later
 * replies could no longer be matched to their commands. Commands may be sent from any thread: they
 * run on the socket's event loop.
 */
public final class Pop3Client {

  /** The most a RETR's announced octets may reserve up front; larger bodies grow as they come. */
  private static final int MAX_RESERVE = 64 * 1024 * 1024;

  private final Vertx vertx;
  private final NetSocket socket;
  private final Context context;
  private final long timeoutMs;
  private final Deque<Awaited> awaited = new ArrayDeque<>();
  private final Future<Pop3Reply> greeting;
  private boolean closed;

  /** The reply one command waits for; multi-line ones collect their lines in body. */
  private static final class Awaited {
    final Promise<Pop3Reply> promise = Promise.promise();
    final boolean multiLine;
    String status;
    long timer = -1;

    Awaited(boolean multiLine) {
      this.multiLine = multiLine;
    }
  }

  /** A line of UIDL's or LIST's listing: message number and its unique id or size. */
  public record Listing(int number, String value) {}

  private Pop3Client(Vertx vertx, Context context, NetSocket socket, Duration timeout) {
    this.vertx = vertx;
    this.socket = socket;
    this.context = context;
    this.timeoutMs = timeout.toMillis();
    // Awaited before the handler is set: setting it hands over at once whatever arrived already,
    // and a greeting that finds nothing waiting would be dropped.
    this.greeting = await(false);
    socket.handler(new ResponseFramer(new Receiver()));
    socket.closeHandler(v -> onClose());
    socket.exceptionHandler(e -> socket.close());
  }

  /** Connects and reads the +OK greeting. */
  public static Future<Pop3Client> connect(
      Vertx vertx, NetClient netClient, String host, int port, Duration timeout) {
    return OwnContext.connect(
        vertx,
        netClient,
        host,
        port,
        (context, socket) -> {
          Pop3Client client = new Pop3Client(vertx, context, socket, timeout);
          return client.greeting.compose(
              greeting -> {
                if (greeting.ok()) {
                  return Future.succeededFuture(client);
                }
                client.close();
                return Future.failedFuture(
                    new SessionFailure(SessionFailure.Kind.PROTOCOL, "greeting " + greeting));
              });
        });
  }

  public Future<Pop3Reply> user(String name) {
    return command("USER " + name, false);
  }

  public Future<Pop3Reply> pass(String password) {
    return command("PASS " + password, false);
  }

  /** USER then PASS; the reply is PASS's, or USER's when that was refused. */
  public Future<Pop3Reply> login(String name, String password) {
    return user(name).compose(u -> u.ok() ? pass(password) : Future.succeededFuture(u));
  }

  public Future<Pop3Reply> stat() {
    return command("STAT", false);
  }

  public Future<Pop3Reply> uidl() {
    return command("UIDL", true);
  }

  public Future<Pop3Reply> list() {
    return command("LIST", true);
  }

  public Future<Pop3Reply> retr(int message) {
    return command("RETR " + message, true);
  }

  public Future<Pop3Reply> dele(int message) {
    return command("DELE " + message, false);
  }

  public Future<Pop3Reply> rset() {
    return command("RSET", false);
  }

  public Future<Pop3Reply> noop() {
    return command("NOOP", false);
  }

  /** QUIT: the server commits DELEs and closes; the socket is closed here whatever it answers. */
  public Future<Pop3Reply> quit() {
    return command("QUIT", false).eventually(v -> close());
  }

  public Future<Void> close() {
    return closed ? Future.succeededFuture() : socket.close();
  }

  /** The lines of a UIDL or LIST body: "n value". */
  public static List<Listing> listing(Pop3Reply reply) {
    List<Listing> lines = new ArrayList<>();
    if (reply.body() == null) {
      return lines;
    }
    for (String line : reply.body().toString(StandardCharsets.US_ASCII).split("\r\n")) {
      if (line.isEmpty()) {
        continue;
      }
      int space = line.indexOf(' ');
      lines.add(new Listing(Integer.parseInt(line.substring(0, space)), line.substring(space + 1)));
    }
    return lines;
  }

  // Package-private so a test can send a line the fake server never answers.
  Future<Pop3Reply> command(String line, boolean multiLine) {
    if (Context.isOnEventLoopThread() && Vertx.currentContext() == context) {
      return send(line, multiLine);
    }
    Promise<Pop3Reply> promise = Promise.promise();
    context.runOnContext(v -> send(line, multiLine).onComplete(promise));
    return promise.future();
  }

  private Future<Pop3Reply> send(String line, boolean multiLine) {
    if (closed) {
      return Future.failedFuture(
          new SessionFailure(SessionFailure.Kind.DISCONNECT, "closed: " + line));
    }
    Future<Pop3Reply> reply = await(multiLine);
    socket.write(Buffer.buffer(line + "\r\n", StandardCharsets.US_ASCII.name()));
    return reply;
  }

  private Future<Pop3Reply> await(boolean multiLine) {
    Awaited next = new Awaited(multiLine);
    if (timeoutMs > 0) {
      next.timer = vertx.setTimer(timeoutMs, id -> onTimeout(next));
    }
    awaited.add(next);
    return next.promise.future();
  }

  /** Matches what the framer finds to the command waiting for it. */
  private final class Receiver implements ResponseFramer.Receiver {
    @Override
    public int statusLine(String text) {
      Awaited head = awaited.peek();
      if (head == null) {
        return -1; // nothing asked: a server's parting line after an error, say
      }
      boolean ok = text.startsWith("+OK");
      if (!ok && !text.startsWith("-ERR")) {
        fail(new SessionFailure(SessionFailure.Kind.PROTOCOL, "not a status line: " + text));
        return -1;
      }
      head.status = text.substring(ok ? 3 : 4).trim();
      if (ok && head.multiLine) {
        long octets = new Pop3Reply(true, head.status, null).leadingNumber();
        return octets >= 0 && octets < MAX_RESERVE ? (int) octets : 1024;
      }
      complete(new Pop3Reply(ok, head.status, null));
      return -1;
    }

    @Override
    public void body(Buffer body) {
      Awaited head = awaited.peek();
      if (head != null) {
        complete(new Pop3Reply(true, head.status, body));
      }
    }
  }

  private void complete(Pop3Reply reply) {
    Awaited head = awaited.poll();
    vertx.cancelTimer(head.timer);
    head.promise.complete(reply);
  }

  private void onTimeout(Awaited timedOut) {
    if (awaited.contains(timedOut)) {
      fail(new SessionFailure(SessionFailure.Kind.TIMEOUT, "no reply in " + timeoutMs + " ms"));
    }
  }

  private void fail(SessionFailure failure) {
    failAll(failure);
    socket.close();
  }

  private void onClose() {
    closed = true;
    failAll(new SessionFailure(SessionFailure.Kind.DISCONNECT, "connection closed by server"));
  }

  private void failAll(SessionFailure failure) {
    Awaited next;
    while ((next = awaited.poll()) != null) {
      vertx.cancelTimer(next.timer);
      next.promise.tryFail(failure);
    }
  }
}
