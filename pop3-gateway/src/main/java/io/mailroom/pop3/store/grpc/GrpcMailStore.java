package io.mailroom.pop3.store.grpc;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.mailroom.pop3.store.Credentials;
import io.mailroom.pop3.store.Inbox;
import io.mailroom.pop3.store.Login;
import io.mailroom.pop3.store.MailStore;
import io.mailroom.pop3.store.MaildropEntry;
import io.mailroom.pop3.store.MaildropLock;
import io.mailroom.store.api.v1.AuthenticateRequest;
import io.mailroom.store.api.v1.BodySection;
import io.mailroom.store.api.v1.ExpungeMode;
import io.mailroom.store.api.v1.ExpungeRequest;
import io.mailroom.store.api.v1.FetchReply;
import io.mailroom.store.api.v1.FetchRequest;
import io.mailroom.store.api.v1.FlagMode;
import io.mailroom.store.api.v1.ListingRequest;
import io.mailroom.store.api.v1.LockReply;
import io.mailroom.store.api.v1.LockRequest;
import io.mailroom.store.api.v1.MailboxRef;
import io.mailroom.store.api.v1.MessagesGrpc;
import io.mailroom.store.api.v1.MutinyAuthGrpc.MutinyAuthStub;
import io.mailroom.store.api.v1.MutinyMaildropGrpc.MutinyMaildropStub;
import io.mailroom.store.api.v1.MutinyMessagesGrpc.MutinyMessagesStub;
import io.mailroom.store.api.v1.PasswordCredential;
import io.mailroom.store.api.v1.ReleaseRequest;
import io.mailroom.store.api.v1.RenewRequest;
import io.mailroom.store.api.v1.SectionText;
import io.mailroom.store.api.v1.StoreFlagsRequest;
import io.mailroom.store.api.v1.UidRange;
import io.mailroom.store.api.v1.UidSet;
import io.mailroom.store.client.StoreFailure;
import io.mailroom.store.client.StoreFailures;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The {@link MailStore} over the store's gRPC contract: proto types stop here. */
@ApplicationScoped
public class GrpcMailStore implements MailStore {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /** Unary calls that take longer than this are treated as a store outage. */
  private static final long CALL_SECONDS = 15;

  @GrpcClient("store")
  MutinyAuthStub auth;

  @GrpcClient("store")
  MutinyMaildropStub maildrop;

  @GrpcClient("store")
  MutinyMessagesStub messages;

  /**
   * The same channel for a plain async stub: Fetch goes through it so that the body stream is
   * flow-controlled (see {@link DemandDrivenStream}); Quarkus injects no async stubs.
   */
  @GrpcClient("store")
  Channel channel;

  private MessagesGrpc.MessagesStub messagesStreaming;

  @PostConstruct
  void streamingStub() {
    messagesStreaming = MessagesGrpc.newStub(channel);
  }

  @Override
  public Uni<Login> authenticate(Credentials credentials, String remoteAddress) {
    var request =
        AuthenticateRequest.newBuilder().setRemoteAddress(remoteAddress).setProtocol("pop3");
    if (credentials instanceof Credentials.Password p) {
      request.setPassword(
          PasswordCredential.newBuilder().setUsername(p.username()).setPassword(p.password()));
    } else if (credentials instanceof Credentials.SaslPlain s) {
      request.setSaslPlain(ByteString.copyFrom(s.message()));
    }
    return unary(auth)
        .authenticate(request.build())
        .map(reply -> new Login(reply.getUsername(), reply.getToken()))
        .onFailure()
        .transform(StoreFailures::from);
  }

  @Override
  public Uni<MaildropLock> lock(Login login, String holder, int leaseSeconds) {
    return unary(as(login, maildrop))
        .lock(LockRequest.newBuilder().setHolder(holder).setLeaseSeconds(leaseSeconds).build())
        .map(GrpcMailStore::toLock)
        .onFailure()
        .transform(StoreFailures::from);
  }

  @Override
  public Uni<MaildropLock> renew(Login login, MaildropLock lock, int leaseSeconds) {
    return unary(as(login, maildrop))
        .renew(
            RenewRequest.newBuilder()
                .setLockId(lock.lockId())
                .setLeaseSeconds(leaseSeconds)
                .build())
        .map(reply -> toLock(reply, lock.inbox()))
        .onFailure()
        .transform(StoreFailures::from);
  }

  @Override
  public Uni<Void> release(Login login, MaildropLock lock) {
    return unary(as(login, maildrop))
        .release(ReleaseRequest.newBuilder().setLockId(lock.lockId()).build())
        .replaceWithVoid()
        .onFailure()
        .transform(StoreFailures::from);
  }

  @Override
  public Uni<List<MaildropEntry>> listing(Login login, MaildropLock lock) {
    return as(login, maildrop)
        .listing(ListingRequest.newBuilder().setLockId(lock.lockId()).build())
        .onItem()
        .transformToIterable(reply -> reply.getEntriesList())
        .map(e -> new MaildropEntry(Integer.toUnsignedLong(e.getUid()), e.getSize(), e.getUidl()))
        .collect()
        .asList()
        .onFailure()
        .transform(StoreFailures::from);
  }

  @Override
  public Multi<byte[]> message(Login login, Inbox inbox, long uid) {
    return section(login, inbox, uid, SectionText.SECTION_TEXT_UNSPECIFIED);
  }

  @Override
  public Multi<byte[]> header(Login login, Inbox inbox, long uid) {
    return section(login, inbox, uid, SectionText.SECTION_HEADER);
  }

  @Override
  public Multi<byte[]> text(Login login, Inbox inbox, long uid) {
    return section(login, inbox, uid, SectionText.SECTION_TEXT);
  }

  @Override
  public Uni<Void> markSeen(Login login, Inbox inbox, long uid) {
    return unary(as(login, messages))
        .storeFlags(
            StoreFlagsRequest.newBuilder()
                .setMailbox(ref(inbox))
                .setUids(uids(List.of(uid)))
                .setMode(FlagMode.FLAG_MODE_ADD)
                .addFlags("\\Seen")
                .build())
        .replaceWithVoid()
        .onFailure()
        .transform(StoreFailures::from);
  }

  @Override
  public Uni<Void> expunge(Login login, Inbox inbox, Collection<Long> uids, String idempotencyKey) {
    if (uids.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return unary(as(login, messages))
        .expunge(
            ExpungeRequest.newBuilder()
                .setMailbox(ref(inbox))
                .setMode(ExpungeMode.EXPUNGE_MODE_ALL_IN_SET)
                .setUids(uids(uids))
                .setIdempotencyKey(idempotencyKey)
                .build())
        .replaceWithVoid()
        .onFailure()
        .transform(StoreFailures::from);
  }

  private Multi<byte[]> section(Login login, Inbox inbox, long uid, SectionText text) {
    var request =
        FetchRequest.newBuilder()
            .setMailbox(ref(inbox))
            .setUids(uids(List.of(uid)))
            .addSections(BodySection.newBuilder().setPart("").setText(text))
            .build();
    return Multi.createFrom()
        .deferred(
            () -> {
              // Fetch answers nothing at all for a UID that is gone (expunged over IMAP since
              // the snapshot); that must not look like an empty message.
              var seen = new AtomicBoolean();
              return DemandDrivenStream.of(as(login, messagesStreaming)::fetch, request)
                  .onItem()
                  .invoke(reply -> seen.set(true))
                  .select()
                  .where(FetchReply::hasChunk)
                  .map(reply -> reply.getChunk().getData().toByteArray())
                  .onCompletion()
                  .call(
                      () ->
                          seen.get()
                              ? Uni.createFrom().voidItem()
                              : Uni.createFrom()
                                  .failure(
                                      new StoreFailure(
                                          StoreFailure.Reason.NONEXISTENT,
                                          "message " + uid + " is gone",
                                          null)))
                  .onFailure()
                  .transform(StoreFailures::from);
            });
  }

  private static MaildropLock toLock(LockReply reply) {
    return toLock(
        reply, new Inbox(reply.getInbox().getMailboxId(), reply.getInbox().getUidValidity()));
  }

  private static MaildropLock toLock(LockReply reply, Inbox known) {
    // Renew may leave the inbox out; the one from Lock stays valid for the session.
    Inbox inbox =
        reply.hasInbox() && reply.getInbox().getMailboxId() != 0
            ? new Inbox(reply.getInbox().getMailboxId(), reply.getInbox().getUidValidity())
            : known;
    return new MaildropLock(reply.getLockId(), inbox, reply.getExpiresAtEpochMs());
  }

  private static MailboxRef ref(Inbox inbox) {
    return MailboxRef.newBuilder()
        .setMailboxId(inbox.mailboxId())
        .setUidValidity(inbox.uidValidity())
        .build();
  }

  private static UidSet uids(Collection<Long> uids) {
    var set = UidSet.newBuilder();
    for (long uid : uids.stream().sorted().toList()) {
      set.addRanges(UidRange.newBuilder().setFirst((int) uid).setLast((int) uid));
    }
    return set.build();
  }

  private static <S extends AbstractStub<S>> S as(Login login, S stub) {
    var headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer " + login.token());
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static <S extends AbstractStub<S>> S unary(S stub) {
    return stub.withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS);
  }
}
