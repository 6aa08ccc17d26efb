package io.mailroom.persistence;

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
 * Units of work in Hibernate Reactive: a session ({@link #read}) or a transaction ({@link #write}),
 * closed when the work's {@code Uni} ends.
 *
 * <p>Hibernate Reactive keeps the open session in the current Vert.x context and lets it be used
 * only from the thread that opened it. So a unit of work needs a context of its own for as long as
 * it runs, on the event loop, and flagged safe. A gRPC call and a REST request each arrive on one
 * (Quarkus duplicates the context per call), and a unit of work started there simply runs there: no
 * hop, and the result is already on the caller's context. Anything else gets a new duplicated
 * context of the same event loop, and its result is handed back on the caller's context, so that
 * request-scoped state stays active in what the caller does next:
 *
 * <ul>
 *   <li>a root context: an LMTP or ManageSieve connection, where every connection of the event loop
 *       shares the context and must never share a session;
 *   <li>a worker thread, even one Quarkus propagated a context to (a blocking endpoint, a scheduled
 *       job, work continued after a bcrypt hash or a Sieve evaluation);
 *   <li>a context on which a unit of work is already running: two at once on one gRPC stream, or
 *       one started inside another, which gets a session (and a transaction) of its own, as it
 *       would anywhere else.
 * </ul>
 */
@ApplicationScoped
public class Transactions {
  /** Context-local flag: a unit of work holds this context's session. */
  private static final Object BUSY = new Object();

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

  /** Runs reads in a session without a transaction (each statement sees committed data). */
  public <T> Uni<T> read(Function<Mutiny.Session, Uni<T>> work) {
    return onOwnContext(() -> sessions.withSession(work));
  }

  private <T> Uni<T> onOwnContext(Supplier<Uni<T>> work) {
    return Uni.createFrom()
        .deferred(
            () -> {
              Context caller = Vertx.currentContext();
              if (isFree(caller)) {
                return holding(caller, work);
              }
              Context root =
                  VertxContext.getRootContext(caller == null ? vertx.getOrCreateContext() : caller);
              Context own = VertxContext.createNewDuplicatedContext(root);
              VertxContextSafetyToggle.setContextSafe(own, true);
              Uni<T> done =
                  Uni.createFrom()
                      .deferred(() -> holding(own, work))
                      .runSubscriptionOn(task -> own.runOnContext(ignored -> task.run()));
              return caller == null
                  ? done
                  : done.emitOn(task -> caller.runOnContext(ignored -> task.run()));
            });
  }

  /** Runs the work on the current context (which it is), marked busy until the work ends. */
  private static <T> Uni<T> holding(Context context, Supplier<Uni<T>> work) {
    context.putLocal(BUSY, Boolean.TRUE);
    return Uni.createFrom()
        .deferred(() -> work.get())
        .onTermination()
        .invoke(() -> context.removeLocal(BUSY));
  }

  /**
   * A duplicated context flagged safe, whose event loop this is, holding no session: a unit of work
   * may run on it as it is.
   */
  static boolean isFree(Context context) {
    // Quarkus propagates a request's context to worker threads too, but a session must stay on
    // the event loop of the context it was opened on.
    return context != null
        && Context.isOnEventLoopThread()
        && VertxContext.isDuplicatedContext(context)
        && VertxContextSafetyToggle.isExplicitlyMarkedAsSafe(context)
        && context.getLocal(BUSY) == null;
  }
}
