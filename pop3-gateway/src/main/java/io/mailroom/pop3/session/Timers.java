package io.mailroom.pop3.session;

import io.smallrye.mutiny.Uni;
import java.time.Duration;

/** Event-loop timers, so nothing in a session ever sleeps a thread. */
public interface Timers {
  Uni<Void> delay(Duration duration);

  long every(Duration period, Runnable action);

  void cancel(long timerId);
}
