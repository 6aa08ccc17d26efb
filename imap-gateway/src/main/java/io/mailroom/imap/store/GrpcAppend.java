package io.mailroom.imap.store;

import static io.mailroom.imap.store.StoreCalls.as;

import com.google.protobuf.ByteString;
import io.mailroom.store.api.v1.AppendHeader;
import io.mailroom.store.api.v1.AppendRequest;
import io.mailroom.store.api.v1.Messages;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** APPEND over the store's Messages service: a header, then the message bytes as they arrive. */
@ApplicationScoped
class GrpcAppend {
  @GrpcClient("store")
  Messages messages;

  @Inject StoreCalls calls;

  Uni<Appended> append(AccountSession session, AppendSpec spec, Multi<byte[]> data) {
    var header =
        AppendHeader.newBuilder()
            .setMailbox(spec.mailbox())
            .addAllFlags(spec.flags())
            .setInternalDateEpochMs(spec.internalDateMs())
            .setInternalDateOffsetMinutes(spec.offsetMinutes())
            .setSize(spec.size())
            .build();
    Multi<AppendRequest> requests =
        Multi.createBy()
            .concatenating()
            .streams(
                Multi.createFrom().item(AppendRequest.newBuilder().setHeader(header).build()),
                data.map(
                    bytes ->
                        AppendRequest.newBuilder().setData(ByteString.copyFrom(bytes)).build()));
    return calls
        .timed("append", as(session, messages).append(requests))
        .map(
            r ->
                new Appended(
                    r.getMailboxId(),
                    Integer.toUnsignedLong(r.getUidValidity()),
                    Integer.toUnsignedLong(r.getUid())));
  }
}
