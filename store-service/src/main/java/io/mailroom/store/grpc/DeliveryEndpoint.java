package io.mailroom.store.grpc;

import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.api.v1.DeliverEnvelope;
import io.mailroom.store.api.v1.DeliverReply;
import io.mailroom.store.api.v1.DeliverRequest;
import io.mailroom.store.api.v1.Delivery;
import io.mailroom.store.api.v1.ErrorCode;
import io.mailroom.store.api.v1.RecipientResult;
import io.mailroom.store.delivery.DeliveryService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Delivery.Deliver: service credential only; the same ingest path as LMTP and admin REST. */
@GrpcService
public class DeliveryEndpoint implements Delivery {
  private static final int MAX_RECIPIENTS = 1000;

  private final DeliveryService delivery;

  DeliveryEndpoint(DeliveryService delivery) {
    this.delivery = delivery;
  }

  @Override
  public Uni<DeliverReply> deliver(Multi<DeliverRequest> requests) {
    try {
      Callers.requireService();
    } catch (StoreFailure f) {
      return Uni.createFrom().failure(GrpcErrors.toStatus(f));
    }
    return StreamedMessage.<DeliverRequest, DeliverEnvelope>receive(
            requests,
            delivery.maxMessageSize(),
            r ->
                r.hasEnvelope()
                    ? new StreamedMessage.Piece<>(r.getEnvelope(), r.getEnvelope().getSize(), null)
                    : new StreamedMessage.Piece<>(null, 0, r.getData().toByteArray()))
        .chain(
            received -> {
              DeliverEnvelope envelope = received.header();
              if (envelope.getRecipientsCount() == 0
                  || envelope.getRecipientsCount() > MAX_RECIPIENTS) {
                received.spooled().delete();
                throw new StoreFailure(Reason.BAD_REQUEST, "1 to 1000 recipients");
              }
              return Multi.createFrom()
                  .iterable(envelope.getRecipientsList())
                  .onItem()
                  .transformToUniAndConcatenate(
                      recipient -> deliverOne(envelope, recipient, received.spooled()))
                  .collect()
                  .asList()
                  .map(results -> DeliverReply.newBuilder().addAllResults(results).build())
                  .eventually(received.spooled()::delete);
            })
        .onFailure()
        .transform(GrpcErrors::toStatus);
  }

  private Uni<RecipientResult> deliverOne(
      DeliverEnvelope envelope, String recipient, io.mailroom.store.ingest.SpooledMessage spooled) {
    return delivery
        .resolve(recipient)
        .chain(
            account -> {
              if (account.isEmpty()) {
                return Uni.createFrom()
                    .item(
                        RecipientResult.newBuilder()
                            .setRecipient(recipient)
                            .setError(ErrorCode.NONEXISTENT)
                            .setReason("no such user")
                            .build());
              }
              return delivery
                  .deliver(account.get(), spooled, envelope.getMailFrom(), recipient)
                  .map(
                      a ->
                          RecipientResult.newBuilder()
                              .setRecipient(recipient)
                              .setDelivered(true)
                              .setUid((int) a.uid())
                              .build());
            })
        .onFailure(StoreFailure.class)
        .recoverWithItem(
            e ->
                RecipientResult.newBuilder()
                    .setRecipient(recipient)
                    .setError(GrpcErrors.errorCode(((StoreFailure) e).reason()))
                    .setReason(e.getMessage())
                    .build());
  }
}
