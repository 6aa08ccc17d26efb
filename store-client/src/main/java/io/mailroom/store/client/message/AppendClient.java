package io.mailroom.store.client.message;

import static io.mailroom.store.client.StoreCalls.as;

import com.google.protobuf.ByteString;
import io.mailroom.store.api.v1.AppendHeader;
import io.mailroom.store.api.v1.AppendRequest;
import io.mailroom.store.api.v1.MutinyMessagesGrpc.MutinyMessagesStub;
import io.mailroom.store.client.StoreCalls;
import io.mailroom.store.client.StoreStubs;
import io.mailroom.store.client.auth.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Putting a message into a mailbox (APPEND): a header, then the bytes as they arrive. */
@ApplicationScoped
public class AppendClient {
  private final StoreCalls calls;
  private final MutinyMessagesStub messages;

  @Inject
  public AppendClient(StoreCalls calls, StoreStubs stubs) {
    this.calls = calls;
    this.messages = stubs.messages();
  }

  /**
   * Streams {@code data} to the store as it comes; a failure of {@code data} stores nothing. A
   * declared size over the store's limit is refused (TOOBIG) before any byte. No deadline: the call
   * lasts as long as the client takes to send the message.
   */
  public Uni<Appended> append(Caller caller, AppendSpec spec, Multi<byte[]> data) {
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
        .open("append", () -> as(caller, messages).append(requests))
        .map(
            r ->
                new Appended(
                    r.getMailboxId(),
                    Integer.toUnsignedLong(r.getUidValidity()),
                    Integer.toUnsignedLong(r.getUid())));
  }
}
