package io.mailroom.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.util.function.BiFunction;

/**
 * Connects a line-protocol client from a Vert.x context of its own, so the socket, its handlers and
 * every callback of the client run on one event loop, whatever thread asked. A client connected
 * from the main thread otherwise records a context that is not its socket's, and can miss a
 * greeting that arrives before it waits for one.
 */
public final class OwnContext {

  private OwnContext() {}

  /** Connects, then {@code open}s the client on the new context (reading its greeting). */
  public static <T> Future<T> connect(
      Vertx vertx,
      NetClient netClient,
      String host,
      int port,
      BiFunction<Context, NetSocket, Future<T>> open) {
    Context context = vertx.getOrCreateContext();
    Promise<T> connected = Promise.promise();
    context.runOnContext(
        v ->
            netClient
                .connect(port, host)
                .compose(socket -> open.apply(context, socket))
                .onComplete(connected));
    return connected.future();
  }
}
