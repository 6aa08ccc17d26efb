package io.mailroom.bench.lmtp;

import io.mailroom.bench.OwnContext;
import io.mailroom.bench.SessionFailure;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A non-blocking LMTP client (RFC 2033) for the load driver: one command at a time, no pipelining.
 *
 * <p>Negative replies come back as {@link LmtpReply}s for the caller to judge; only a broken
 * session (timeout, disconnect, unparseable reply) fails a future, with an {@link SessionFailure}.
 * After a timeout the connection is closed, because the next reply could no longer be matched to
 * its command. Commands may be sent from any thread: they run on the socket's event loop.
 */
public final class LmtpClient {

  private final Vertx vertx;
  private final NetSocket socket;
  private final Context context;
  private final long timeoutMs;
  private final Deque<Awaited> awaited = new ArrayDeque<>();
  private final List<String> replyLines = new ArrayList<>();
  private final Future<List<LmtpReply>> greeting;
  private boolean closed;

  /** Replies the client is waiting for: one per command, or one per recipient after DATA. */
  private static final class Awaited {
    final Promise<List<LmtpReply>> promise = Promise.promise();
    final List<LmtpReply> replies = new ArrayList<>();
    final int count;
    final String what;
    long timer = -1;

    Awaited(int count, String what) {
      this.count = count;
      this.what = what;
    }
  }

  private LmtpClient(Vertx vertx, Context context, NetSocket socket, Duration timeout) {
    this.vertx = vertx;
    this.socket = socket;
    this.context = context;
    this.timeoutMs = timeout.toMillis();
    // Awaited before the handler is set: setting it hands over at once whatever arrived already,
    // and a greeting that finds nothing waiting would be dropped.
    this.greeting = await(1, "the greeting");
    socket.handler(RecordParser.newDelimited("\r\n", this::onLine));
    socket.closeHandler(v -> onClose());
    socket.exceptionHandler(e -> socket.close());
  }

  /** Connects and reads the 220 greeting. */
  public static Future<LmtpClient> connect(
      Vertx vertx, NetClient netClient, String host, int port, Duration timeout) {
    return OwnContext.connect(
        vertx,
        netClient,
        host,
        port,
        (context, socket) -> {
          LmtpClient client = new LmtpClient(vertx, context, socket, timeout);
          return client.greeting.compose(
              greeting ->
                  greeting.get(0).code() == 220
                      ? Future.succeededFuture(client)
                      : client.fail("greeting " + greeting.get(0)));
        });
  }

  public Future<LmtpReply> lhlo(String domain) {
    return command("LHLO " + domain);
  }

  public Future<LmtpReply> mailFrom(String sender) {
    return command("MAIL FROM:<" + sender + ">");
  }

  public Future<LmtpReply> rcptTo(String recipient) {
    return command("RCPT TO:<" + recipient + ">");
  }

  /**
   * Sends DATA and, after the 354, the message; LMTP then answers once per accepted recipient, in
   * RCPT order. If DATA itself is refused the list holds that one refusal.
   */
  public Future<List<LmtpReply>> data(byte[] message, int acceptedRecipients) {
    return command("DATA")
        .compose(
            go -> {
              if (go.code() != 354) {
                return Future.succeededFuture(List.of(go));
              }
              Future<List<LmtpReply>> replies =
                  await(acceptedRecipients, acceptedRecipients + " replies after the final dot");
              socket.write(DotStuffing.encode(message));
              return replies;
            });
  }

  public Future<LmtpReply> rset() {
    return command("RSET");
  }

  /** Sends QUIT and closes the socket whatever the answer. */
  public Future<Void> quit() {
    if (closed) {
      return Future.succeededFuture();
    }
    return command("QUIT").eventually(v -> close()).mapEmpty();
  }

  public Future<Void> close() {
    return closed ? Future.succeededFuture() : socket.close();
  }

  /**
   * One whole transaction: MAIL FROM, RCPT TO for each recipient, then DATA if any recipient was
   * accepted (RSET otherwise, so the session stays usable).
   */
  public Future<Delivery> deliver(String sender, List<String> recipients, byte[] message) {
    return mailFrom(sender)
        .compose(
            mail -> {
              if (!mail.positive()) {
                return Future.succeededFuture(new Delivery(mail, List.of(), List.of(), -1));
              }
              return rcptEach(recipients, 0, new ArrayList<>())
                  .compose(
                      rcpts -> {
                        int accepted = (int) rcpts.stream().filter(LmtpReply::positive).count();
                        if (accepted == 0) {
                          return rset().map(r -> new Delivery(mail, rcpts, List.of(), -1));
                        }
                        long dataSent = System.nanoTime();
                        return data(message, accepted)
                            .map(d -> new Delivery(mail, rcpts, d, dataSent));
                      });
            });
  }

  /**
   * What the server said to each step of one transaction, and when DATA was sent ({@link
   * System#nanoTime}; -1 when no recipient was accepted), to time the DATA reply on its own.
   */
  public record Delivery(
      LmtpReply mailFrom, List<LmtpReply> rcptTo, List<LmtpReply> data, long dataSentNanos) {

    public Delivery {
      rcptTo = List.copyOf(rcptTo);
      data = List.copyOf(data);
    }

    /** Every recipient accepted and the message delivered to each. */
    public boolean delivered() {
      return mailFrom.positive()
          && rcptTo.stream().allMatch(LmtpReply::positive)
          && !data.isEmpty()
          && data.size() == rcptTo.size()
          && data.stream().allMatch(LmtpReply::positive);
    }

    @Override
    public String toString() {
      return "MAIL " + mailFrom + ", RCPT " + rcptTo + ", DATA " + data;
    }
  }

  private Future<List<LmtpReply>> rcptEach(
      List<String> recipients, int next, List<LmtpReply> replies) {
    if (next == recipients.size()) {
      return Future.succeededFuture(replies);
    }
    return rcptTo(recipients.get(next))
        .compose(
            reply -> {
              replies.add(reply);
              return rcptEach(recipients, next + 1, replies);
            });
  }

  // Package-private so a test can send a line the fake server never answers.
  Future<LmtpReply> command(String line) {
    if (Context.isOnEventLoopThread() && Vertx.currentContext() == context) {
      return send(line);
    }
    Promise<LmtpReply> promise = Promise.promise();
    context.runOnContext(v -> send(line).onComplete(promise));
    return promise.future();
  }

  private Future<LmtpReply> send(String line) {
    if (closed) {
      return Future.failedFuture(
          new SessionFailure(SessionFailure.Kind.DISCONNECT, "closed: " + line));
    }
    Future<List<LmtpReply>> reply = await(1, line.startsWith("LHLO") ? "LHLO" : line);
    socket.write(Buffer.buffer(line + "\r\n", StandardCharsets.US_ASCII.name()));
    return reply.map(replies -> replies.get(0));
  }

  private Future<List<LmtpReply>> await(int count, String what) {
    Awaited next = new Awaited(count, what);
    if (closed) {
      next.promise.fail(new SessionFailure(SessionFailure.Kind.DISCONNECT, "connection closed"));
      return next.promise.future();
    }
    if (timeoutMs > 0) {
      next.timer = vertx.setTimer(timeoutMs, id -> onTimeout(next));
    }
    awaited.add(next);
    return next.promise.future();
  }

  private void onLine(Buffer buffer) {
    String line = buffer.toString(StandardCharsets.UTF_8);
    if (line.length() < 3 || !isCode(line)) {
      failAll(new SessionFailure(SessionFailure.Kind.PROTOCOL, "not a reply: " + line));
      socket.close();
      return;
    }
    replyLines.add(line.length() > 4 ? line.substring(4) : "");
    boolean continued = line.length() > 3 && line.charAt(3) == '-';
    if (continued) {
      return;
    }
    LmtpReply reply = new LmtpReply(Integer.parseInt(line.substring(0, 3)), replyLines);
    replyLines.clear();
    Awaited head = awaited.peek();
    if (head == null) {
      // An unsolicited reply (a 421 before closing, say): nothing waits for it.
      return;
    }
    head.replies.add(reply);
    if (head.replies.size() == head.count) {
      awaited.poll();
      vertx.cancelTimer(head.timer);
      head.promise.complete(head.replies);
    }
  }

  private static boolean isCode(String line) {
    return Character.isDigit(line.charAt(0))
        && Character.isDigit(line.charAt(1))
        && Character.isDigit(line.charAt(2));
  }

  private void onTimeout(Awaited timedOut) {
    if (awaited.contains(timedOut)) {
      failAll(
          new SessionFailure(
              SessionFailure.Kind.TIMEOUT,
              "no reply to "
                  + timedOut.what
                  + " in "
                  + timeoutMs
                  + " ms ("
                  + timedOut.replies.size()
                  + " of "
                  + timedOut.count
                  + " came)"));
      socket.close();
    }
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

  private <T> Future<T> fail(String message) {
    socket.close();
    return Future.failedFuture(new SessionFailure(SessionFailure.Kind.PROTOCOL, message));
  }
}
