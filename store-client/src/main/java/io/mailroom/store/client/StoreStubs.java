package io.mailroom.store.client;

import io.grpc.Channel;
import io.mailroom.store.api.v1.MessagesGrpc;
import io.mailroom.store.api.v1.MutinyAuthGrpc;
import io.mailroom.store.api.v1.MutinyMailboxesGrpc;
import io.mailroom.store.api.v1.MutinyMaildropGrpc;
import io.mailroom.store.api.v1.MutinyMessagesGrpc;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The store's stubs, all on the one channel of the gRPC client "store". Stubs (not the generated
 * service interfaces) because a call needs its own deadline and headers; the plain async Messages
 * stub is there for flow-controlled streams, which Quarkus does not inject.
 */
@ApplicationScoped
public class StoreStubs {
  private final MutinyAuthGrpc.MutinyAuthStub auth;
  private final MutinyMailboxesGrpc.MutinyMailboxesStub mailboxes;
  private final MutinyMessagesGrpc.MutinyMessagesStub messages;
  private final MessagesGrpc.MessagesStub messageStreams;
  private final MutinyMaildropGrpc.MutinyMaildropStub maildrop;

  @Inject
  public StoreStubs(@GrpcClient("store") Channel channel) {
    this.auth = MutinyAuthGrpc.newMutinyStub(channel);
    this.mailboxes = MutinyMailboxesGrpc.newMutinyStub(channel);
    this.messages = MutinyMessagesGrpc.newMutinyStub(channel);
    this.messageStreams = MessagesGrpc.newStub(channel);
    this.maildrop = MutinyMaildropGrpc.newMutinyStub(channel);
  }

  public MutinyAuthGrpc.MutinyAuthStub auth() {
    return auth;
  }

  public MutinyMailboxesGrpc.MutinyMailboxesStub mailboxes() {
    return mailboxes;
  }

  public MutinyMessagesGrpc.MutinyMessagesStub messages() {
    return messages;
  }

  /** Messages for server streams read on demand (see {@link StoreCalls#demandDriven}). */
  public MessagesGrpc.MessagesStub messageStreams() {
    return messageStreams;
  }

  public MutinyMaildropGrpc.MutinyMaildropStub maildrop() {
    return maildrop;
  }
}
