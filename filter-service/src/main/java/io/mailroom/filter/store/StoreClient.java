package io.mailroom.filter.store;

import com.google.protobuf.ByteString;
import io.grpc.Metadata;
import io.grpc.Status;
import io.mailroom.filter.config.FilterConfig;
import io.mailroom.store.api.v1.Auth;
import io.mailroom.store.api.v1.AuthenticateRequest;
import io.mailroom.store.api.v1.BodySection;
import io.mailroom.store.api.v1.CopyRequest;
import io.mailroom.store.api.v1.ExpungeMode;
import io.mailroom.store.api.v1.ExpungeRequest;
import io.mailroom.store.api.v1.FetchReply;
import io.mailroom.store.api.v1.FetchRequest;
import io.mailroom.store.api.v1.FlagMode;
import io.mailroom.store.api.v1.ListMailboxesRequest;
import io.mailroom.store.api.v1.MailboxRef;
import io.mailroom.store.api.v1.Mailboxes;
import io.mailroom.store.api.v1.Messages;
import io.mailroom.store.api.v1.PasswordCredential;
import io.mailroom.store.api.v1.SectionText;
import io.mailroom.store.api.v1.SelectReply;
import io.mailroom.store.api.v1.SelectRequest;
import io.mailroom.store.api.v1.StoreFlagsRequest;
import io.mailroom.store.api.v1.UidRange;
import io.mailroom.store.api.v1.UidSet;
import io.mailroom.store.client.StoreFailure;
import io.mailroom.store.client.StoreFailures;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The store as this service uses it: the one class of filter-service that speaks protobuf. Account
 * calls carry the service credential and name the account; callers see filter records and, when a
 * call fails, a {@link StoreFailure} (store-client's one error table) whose reason they branch on.
 * UIDs and UIDVALIDITY are unsigned 32-bit values held in longs here and in the proto's ints there.
 */
@ApplicationScoped
public class StoreClient {
  private static final Metadata.Key<String> SERVICE_TOKEN =
      Metadata.Key.of("x-mailroom-service-token", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> ACCOUNT =
      Metadata.Key.of("x-mailroom-account", Metadata.ASCII_STRING_MARSHALLER);

  @GrpcClient("store")
  Messages messages;

  @GrpcClient("store")
  Mailboxes mailboxes;

  @GrpcClient("store")
  Auth auth;

  private final FilterConfig config;

  StoreClient(FilterConfig config) {
    this.config = config;
  }

  private Metadata credentials(String account) {
    var metadata = new Metadata();
    metadata.put(SERVICE_TOKEN, config.serviceToken().orElse(""));
    metadata.put(ACCOUNT, account);
    return metadata;
  }

  private Messages messages(String account) {
    return GrpcClientUtils.attachHeaders(messages, credentials(account));
  }

  /** A store call within the deadline; whatever fails it arrives as a {@link StoreFailure}. */
  private <T> Uni<T> call(Uni<T> call) {
    return call.ifNoItem()
        .after(config.execution().storeDeadline())
        .failWith(
            () ->
                Status.DEADLINE_EXCEEDED
                    .withDescription("store call timed out")
                    .asRuntimeException())
        .onFailure()
        .transform(StoreFailures::from);
  }

  private static UidSet one(long uid) {
    var wire = (int) uid;
    return UidSet.newBuilder()
        .addRanges(UidRange.newBuilder().setFirst(wire).setLast(wire))
        .build();
  }

  private static MailboxRef ref(MailboxKey mailbox) {
    return MailboxRef.newBuilder()
        .setMailboxId(mailbox.id())
        .setUidValidity((int) mailbox.uidValidity())
        .build();
  }

  /** The header section and, when {@code whole}, the whole message; empty if the UID is gone. */
  public Uni<Optional<FetchedMessage>> fetch(
      String account, MailboxKey mailbox, long uid, boolean whole) {
    var request =
        FetchRequest.newBuilder()
            .setMailbox(ref(mailbox))
            .setUids(one(uid))
            .setFlags(true)
            .setSize(true)
            .addSections(BodySection.newBuilder().setText(SectionText.SECTION_HEADER));
    if (whole) {
      request.addSections(BodySection.newBuilder());
    }
    return call(messages(account).fetch(request.build()).collect().asList())
        .map(replies -> assemble(uid, replies));
  }

  private static Optional<FetchedMessage> assemble(long uid, List<FetchReply> replies) {
    io.mailroom.store.api.v1.MessageMeta meta = null;
    var sections = new HashMap<Integer, ByteArrayOutputStream>();
    var wire = (int) uid;
    for (var reply : replies) {
      if (reply.hasMeta() && reply.getMeta().getUid() == wire) {
        meta = reply.getMeta();
      } else if (reply.hasChunk() && reply.getChunk().getUid() == wire) {
        var chunk = reply.getChunk();
        sections
            .computeIfAbsent(chunk.getSectionIndex(), i -> new ByteArrayOutputStream())
            .writeBytes(chunk.getData().toByteArray());
      }
    }
    if (meta == null) {
      return Optional.empty();
    }
    var header = sections.containsKey(0) ? sections.get(0).toByteArray() : new byte[0];
    var whole = Optional.ofNullable(sections.get(1)).map(ByteArrayOutputStream::toByteArray);
    return Optional.of(
        new FetchedMessage(uid, meta.getSize(), List.copyOf(meta.getFlagsList()), header, whole));
  }

  /**
   * Copies (or moves) one message into the mailbox named {@code target}; answers its UID there,
   * empty when the store copied nothing (the message was gone).
   */
  public Uni<Optional<Long>> copy(
      String account,
      MailboxKey source,
      long uid,
      String target,
      boolean move,
      boolean create,
      List<String> flags,
      String idempotencyKey) {
    return call(messages(account)
            .copy(
                CopyRequest.newBuilder()
                    .setSource(ref(source))
                    .setUids(one(uid))
                    .setTarget(target)
                    .setMove(move)
                    .setCreateTarget(create)
                    .addAllAddFlags(flags)
                    .setIdempotencyKey(idempotencyKey)
                    .build()))
        .map(
            reply ->
                reply.getTargetUidsCount() == 0
                    ? Optional.empty()
                    : Optional.of(Integer.toUnsignedLong(reply.getTargetUids(0))));
  }

  public Uni<Void> addFlags(
      String account, MailboxKey mailbox, long uid, List<String> flags, String idempotencyKey) {
    return call(messages(account)
            .storeFlags(
                StoreFlagsRequest.newBuilder()
                    .setMailbox(ref(mailbox))
                    .setUids(one(uid))
                    .setMode(FlagMode.FLAG_MODE_ADD)
                    .addAllFlags(flags)
                    .setIdempotencyKey(idempotencyKey)
                    .build()))
        .replaceWithVoid();
  }

  public Uni<Void> expunge(String account, MailboxKey mailbox, long uid, String idempotencyKey) {
    return call(messages(account)
            .expunge(
                ExpungeRequest.newBuilder()
                    .setMailbox(ref(mailbox))
                    .setMode(ExpungeMode.EXPUNGE_MODE_ALL_IN_SET)
                    .setUids(one(uid))
                    .setIdempotencyKey(idempotencyKey)
                    .build()))
        .replaceWithVoid();
  }

  /** Every mailbox name of the account (for mailboxexists). */
  public Uni<Set<String>> mailboxNames(String account) {
    return call(GrpcClientUtils.attachHeaders(mailboxes, credentials(account))
            .list(ListMailboxesRequest.newBuilder().setReference("").setPattern("*").build()))
        .map(
            reply -> {
              var names = new LinkedHashSet<String>();
              for (var entry : reply.getMailboxesList()) {
                if (!entry.getAttributesList().contains("\\NonExistent")) {
                  names.add(entry.getName());
                }
              }
              return names;
            });
  }

  /**
   * Opens a mailbox read-only (EXAMINE: claims no \Recent) and lists its UIDs; fails NONEXISTENT
   * when there is no such mailbox.
   */
  public Uni<MailboxSnapshot> examine(String account, String name) {
    return call(messages(account)
            .select(SelectRequest.newBuilder().setName(name).setReadOnly(true).build())
            .collect()
            .asList())
        .map(
            replies -> {
              MailboxKey key = null;
              var uids = new ArrayList<Long>();
              for (SelectReply reply : replies) {
                if (reply.hasMailbox()) {
                  key =
                      new MailboxKey(
                          reply.getMailbox().getMailboxId(),
                          Integer.toUnsignedLong(reply.getMailbox().getUidValidity()));
                } else if (reply.hasPage()) {
                  reply
                      .getPage()
                      .getStatesList()
                      .forEach(state -> uids.add(Integer.toUnsignedLong(state.getUid())));
                }
              }
              if (key == null) {
                throw new StoreFailure(StoreFailure.Reason.NONEXISTENT, "no mailbox " + name);
              }
              return new MailboxSnapshot(name, key, uids);
            });
  }

  /** Checks a password; answers the canonical username, or empty when it is wrong. */
  public Uni<Optional<String>> authenticate(
      String username, String password, String remoteAddress, String protocol) {
    return authenticate(
        AuthenticateRequest.newBuilder()
            .setPassword(
                PasswordCredential.newBuilder().setUsername(username).setPassword(password))
            .setRemoteAddress(remoteAddress)
            .setProtocol(protocol)
            .build());
  }

  /** Checks a SASL PLAIN message (RFC 4616) as the store understands it. */
  public Uni<Optional<String>> authenticatePlain(byte[] saslPlain, String remoteAddress) {
    return authenticate(
        AuthenticateRequest.newBuilder()
            .setSaslPlain(ByteString.copyFrom(saslPlain))
            .setRemoteAddress(remoteAddress)
            .setProtocol("managesieve")
            .build());
  }

  private Uni<Optional<String>> authenticate(AuthenticateRequest request) {
    return call(auth.authenticate(request))
        .map(reply -> Optional.of(reply.getUsername()))
        .onFailure(
            e ->
                e instanceof StoreFailure failure
                    && failure.reason() == StoreFailure.Reason.AUTHENTICATION_FAILED)
        .recoverWithItem(Optional.empty());
  }
}
