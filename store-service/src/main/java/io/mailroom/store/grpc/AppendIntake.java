package io.mailroom.store.grpc;

import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import io.mailroom.store.api.v1.AppendHeader;
import io.mailroom.store.api.v1.AppendReply;
import io.mailroom.store.api.v1.AppendRequest;
import io.mailroom.store.config.StoreLimits;
import io.mailroom.store.message.AppendRequestData;
import io.mailroom.store.message.AppendService;
import io.mailroom.store.message.Flags;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Messages.Append: the client stream (header first, then data) spooled by {@link StreamedMessage},
 * then stored by AppendService; the spool file goes whatever the outcome.
 */
@ApplicationScoped
class AppendIntake {
  private final Callers callers;
  private final AppendService append;
  private final StoreLimits limits;

  AppendIntake(Callers callers, AppendService append, StoreLimits limits) {
    this.callers = callers;
    this.append = append;
    this.limits = limits;
  }

  Uni<AppendReply> receive(Multi<AppendRequest> requests) {
    var account = callers.currentAccount();
    var received =
        StreamedMessage.<AppendRequest, AppendHeader>receive(
            requests,
            limits.maxMessageSize(),
            r ->
                r.hasHeader()
                    ? new StreamedMessage.Piece<>(r.getHeader(), r.getHeader().getSize(), null)
                    : new StreamedMessage.Piece<>(null, 0, r.getData().toByteArray()));
    return Uni.combine()
        .all()
        .unis(account, received)
        .asTuple()
        .chain(
            t -> {
              AppendHeader h = t.getItem2().header();
              var spooled = t.getItem2().spooled();
              return Uni.createFrom()
                  .deferred(
                      () ->
                          append.append(
                              t.getItem1(),
                              new AppendRequestData(
                                  h.getMailbox(),
                                  Flags.of(h.getFlagsList()),
                                  date(
                                      h.getInternalDateEpochMs(), h.getInternalDateOffsetMinutes()),
                                  h.getIdempotencyKey()),
                              spooled))
                  .eventually(spooled::delete);
            })
        .map(
            a ->
                AppendReply.newBuilder()
                    .setMailboxId(a.mailbox().id())
                    .setUidValidity((int) a.mailbox().uidValidity())
                    .setUid((int) a.uid())
                    .setModseq(a.modseq())
                    .setEmailId(a.emailId())
                    .build())
        .onFailure()
        .transform(GrpcErrors::toStatus);
  }

  private static OffsetDateTime date(long epochMs, int offsetMinutes) {
    if (epochMs == 0) {
      return null;
    }
    if (Math.abs(offsetMinutes) > 18 * 60) {
      throw new StoreFailure(Reason.BAD_REQUEST, "bad time zone offset");
    }
    return OffsetDateTime.ofInstant(
        Instant.ofEpochMilli(epochMs), ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
  }
}
