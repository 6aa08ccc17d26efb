package io.mailroom.pop3.server;

import io.mailroom.pop3.session.Timers;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;

/** Session timers on the Vert.x event loop of the caller. */
final class VertxTimers implements Timers {
  private final Vertx vertx;

  VertxTimers(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Uni<Void> delay(Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      return Uni.createFrom().voidItem();
    }
    return Uni.createFrom()
        .emitter(emitter -> vertx.setTimer(duration.toMillis(), id -> emitter.complete(null)));
  }

  @Override
  public long every(Duration period, Runnable action) {
    return vertx.setPeriodic(period.toMillis(), id -> action.run());
  }

  @Override
  public void cancel(long timerId) {
    vertx.cancelTimer(timerId);
  }
}
