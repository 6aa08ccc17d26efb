package io.mailroom.pop3.response;

import io.smallrye.mutiny.Uni;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * The only code that writes bytes to a POP3 client. A failed Uni means the session can no longer be
 * trusted to be in step with the client (a stream broke after "+OK") and must be closed.
 */
public final class ReplyWriter {
  private final Outbound out;
  private final LongConsumer bytesSent;

  public ReplyWriter(Outbound out, LongConsumer bytesSent) {
    this.out = out;
    this.bytesSent = bytesSent;
  }

  public Uni<Void> write(Reply reply) {
    if (reply instanceof Reply.Stream stream) {
      return stream(stream);
    }
    if (reply instanceof Reply.Continuation continuation) {
      return writeRaw("+ " + continuation.challenge());
    }
    if (reply instanceof Reply.Lines lines) {
      return send(encode(lines));
    }
    return send(StatusLine.encode(reply.status()));
  }

  /** A line outside the command/reply cycle: the greeting, or a "+ " SASL continuation. */
  public Uni<Void> writeRaw(String line) {
    return send((StatusLine.safe(line) + "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  static byte[] encode(Reply.Lines reply) {
    var bytes = new ByteArrayOutputStream();
    bytes.writeBytes(StatusLine.encode(reply.status()));
    for (String line : reply.lines()) {
      if (line.startsWith(".")) {
        bytes.write('.');
      }
      bytes.writeBytes((StatusLine.safe(line) + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    bytes.writeBytes(new byte[] {'.', '\r', '\n'});
    return bytes.toByteArray();
  }

  private Uni<Void> stream(Reply.Stream reply) {
    var stuffer = new DotStuffer();
    var started = new AtomicBoolean();
    byte[] statusLine = StatusLine.encode(reply.status());
    return reply
        .body()
        // one chunk at a time: the next is requested only when the socket took this one
        .onItem()
        .transformToUniAndConcatenate(
            chunk -> {
              byte[] data = stuffer.stuff(chunk);
              return started.getAndSet(true) ? send(data) : send(concat(statusLine, data));
            })
        .collect()
        .last()
        .onItem()
        .transformToUni(
            ignored -> {
              byte[] end = stuffer.finish();
              return send(started.getAndSet(true) ? end : concat(statusLine, end));
            })
        .onItem()
        .transformToUni(ignored -> reply.afterSent().get())
        .onFailure(failure -> !started.get())
        .recoverWithUni(failure -> write(reply.failureBeforeFirstByte().apply(failure)));
  }

  private Uni<Void> send(byte[] bytes) {
    bytesSent.accept(bytes.length);
    return out.write(bytes);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
