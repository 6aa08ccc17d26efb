package io.mailroom.filter.persistence;

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
 * The filter's PostgreSQL schema, through Hibernate Reactive. Each call is one unit of work: a
 * session ({@link #read}) or a transaction ({@link #write}), closed when its {@code Uni} ends.
 *
 * <p>A Hibernate Reactive session belongs to one Vert.x duplicated context flagged safe. REST
 * requests arrive on one, but not every caller does: a ManageSieve connection runs on its
 * event-loop context (a root context), and event processing and apply jobs continue on worker
 * threads after evaluating a script (where a propagated context is no event loop). Work that does
 * not start on the event loop of a safe context is therefore run on a new duplicated context of its
 * own, which also keeps it from sharing a session with anything else.
 */
@ApplicationScoped
public class Database {
  private final Mutiny.SessionFactory sessions;
  private final Vertx vertx;

  Database(Mutiny.SessionFactory sessions, Vertx vertx) {
    this.sessions = sessions;
    this.vertx = vertx;
  }

  /** Reads in a session without a transaction, as single statements do. */
  public <T> Uni<T> read(Function<Mutiny.Session, Uni<T>> work) {
    return onSafeContext(() -> sessions.withSession(work));
  }

  /** Runs in one transaction: committed when the work succeeds, rolled back when it fails. */
  public <T> Uni<T> write(Function<Mutiny.Session, Uni<T>> work) {
    return onSafeContext(() -> sessions.withTransaction(work));
  }

  private <T> Uni<T> onSafeContext(Supplier<Uni<T>> work) {
    return Uni.createFrom()
        .deferred(
            () -> {
              var current = Vertx.currentContext();
              if (isSafe(current)) {
                return work.get();
              }
              var root = current == null ? vertx.getOrCreateContext() : current;
              var context =
                  VertxContext.createNewDuplicatedContext(VertxContext.getRootContext(root));
              VertxContextSafetyToggle.setContextSafe(context, true);
              return Uni.createFrom()
                  .deferred(work::get)
                  .runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
            });
  }

  private static boolean isSafe(Context context) {
    // Quarkus propagates the context to worker threads too, but a session must stay on the
    // event loop of the context it was opened on.
    return context != null
        && Context.isOnEventLoopThread()
        && VertxContext.isDuplicatedContext(context)
        && VertxContextSafetyToggle.isExplicitlyMarkedAsSafe(context);
  }
}
