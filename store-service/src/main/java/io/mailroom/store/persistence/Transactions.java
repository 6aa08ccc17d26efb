package io.mailroom.store.persistence;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Hibernate Reactive sessions for the store. Each unit of work runs on a Vert.x context of its own:
 * Hibernate Reactive keeps the current session in the context, and the store serves many gRPC
 * streams and LMTP connections on one event loop, which must never share a session.
 */
@ApplicationScoped
public class Transactions {
  private final Mutiny.SessionFactory sessions;
  private final Vertx vertx;

  Transactions(Mutiny.SessionFactory sessions, Vertx vertx) {
    this.sessions = sessions;
    this.vertx = vertx;
  }

  /** Runs work in one transaction: committed when its Uni succeeds, rolled back when it fails. */
  public <T> Uni<T> write(Function<Mutiny.Session, Uni<T>> work) {
    return onOwnContext(() -> sessions.withTransaction((session, tx) -> work.apply(session)));
  }

  /**
   * Runs reads in a session without an explicit transaction (each statement sees committed data).
   */
  public <T> Uni<T> read(Function<Mutiny.Session, Uni<T>> work) {
    return onOwnContext(() -> sessions.withSession(work));
  }

  /**
   * Runs work on a new duplicated context, and hands its result back on the caller's context (when
   * the caller has one), so that request-scoped state of a gRPC call or REST request stays active
   * in what the caller does next.
   */
  private <T> Uni<T> onOwnContext(Supplier<Uni<T>> work) {
    return Uni.createFrom()
        .deferred(
            () -> {
              Context caller = Vertx.currentContext();
              Context root =
                  VertxContext.getRootContext(caller == null ? vertx.getOrCreateContext() : caller);
              Context own = VertxContext.createNewDuplicatedContext(root);
              VertxContextSafetyToggle.setContextSafe(own, true);
              Uni<T> done =
                  Uni.createFrom()
                      .deferred(() -> work.get())
                      .runSubscriptionOn(task -> own.runOnContext(ignored -> task.run()));
              return caller == null
                  ? done
                  : done.emitOn(task -> caller.runOnContext(ignored -> task.run()));
            });
  }
}
