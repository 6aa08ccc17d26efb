package io.mailroom.imap.server;

import io.mailroom.imap.response.ResponseWriter;

/** IDLE on this connection: counted in the metrics, and "* OK Still here" every keep-alive. */
final class IdleKeepAlive {
  private final ImapServer server;
  private final ResponseWriter out;
  private boolean idling;
  private long timer = -1;

  IdleKeepAlive(ImapServer server, ResponseWriter out) {
    this.server = server;
    this.out = out;
  }

  boolean idling() {
    return idling;
  }

  void idling(boolean on) {
    if (on == idling) {
      return;
    }
    idling = on;
    server.metrics().idling(on);
    if (on) {
      timer =
          server
              .vertx()
              .setPeriodic(
                  server.config().push().idleKeepAlive().toMillis(),
                  id -> out.untaggedStatus("OK", null, "Still here"));
    } else if (timer >= 0) {
      server.vertx().cancelTimer(timer);
      timer = -1;
    }
  }
}
