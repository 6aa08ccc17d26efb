package io.mailroom.imap.server;

import io.mailroom.imap.session.SessionState;

/**
 * Every poll interval: autologout of a session silent too long (not in IDLE, no command running),
 * else a change check of the selected mailbox (catches missed push events).
 */
final class PeriodicCheck {
  private final ImapServer server;
  private final ImapConnection connection;
  private long timer = -1;
  private long lastActivity = System.nanoTime();

  PeriodicCheck(ImapServer server, ImapConnection connection) {
    this.server = server;
    this.connection = connection;
  }

  void start() {
    timer =
        server.vertx().setPeriodic(server.config().push().pollInterval().toMillis(), id -> tick());
  }

  /** The client sent something. */
  void activity() {
    lastActivity = System.nanoTime();
  }

  void stop() {
    if (timer >= 0) {
      server.vertx().cancelTimer(timer);
    }
  }

  private void tick() {
    if (connection.isClosed()) {
      return;
    }
    long quietNanos = System.nanoTime() - lastActivity;
    if (!connection.idling()
        && !connection.busy()
        && quietNanos > server.config().limits().idleTimeout().toNanos()) {
      connection.out().bye("Autologout; idle for too long");
      connection.close();
      return;
    }
    if (connection.state() instanceof SessionState.Selected) {
      connection.hint();
    }
  }
}
