package io.mailroom.store.lmtp;

import io.mailroom.store.delivery.DeliveryRequest;
import io.mailroom.store.delivery.MailDelivery;
import io.mailroom.store.delivery.RecipientOutcome;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Calls the store on a fresh duplicated Vert.x context per call, as a REST request would be:
 * Hibernate Reactive keeps its session in the context, and a connection's plain event-loop context
 * is shared by every connection on that loop.
 */
final class IsolatedDelivery implements MailDelivery {
  private final Vertx vertx;
  private final MailDelivery store;

  IsolatedDelivery(Vertx vertx, MailDelivery store) {
    this.vertx = vertx;
    this.store = store;
  }

  @Override
  public Uni<Boolean> acceptsRecipient(String address) {
    return isolated(() -> store.acceptsRecipient(address));
  }

  @Override
  public Uni<RecipientOutcome> deliver(DeliveryRequest request) {
    return isolated(() -> store.deliver(request));
  }

  @Override
  public long maxMessageSize() {
    return store.maxMessageSize();
  }

  private <T> Uni<T> isolated(Supplier<Uni<T>> call) {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              Context current = Vertx.currentContext();
              Context context =
                  VertxContext.createNewDuplicatedContext(
                      current != null ? current : vertx.getOrCreateContext());
              context.runOnContext(
                  v -> {
                    try {
                      call.get().subscribe().with(emitter::complete, emitter::fail);
                    } catch (RuntimeException e) {
                      emitter.fail(e);
                    }
                  });
            });
  }
}
