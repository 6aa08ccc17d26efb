package io.mailroom.store;

import static io.restassured.RestAssured.given;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.mailroom.store.api.v1.AppendHeader;
import io.mailroom.store.api.v1.AppendReply;
import io.mailroom.store.api.v1.AppendRequest;
import io.mailroom.store.api.v1.AuthGrpc;
import io.mailroom.store.api.v1.AuthenticateRequest;
import io.mailroom.store.api.v1.DeliveryGrpc;
import io.mailroom.store.api.v1.MailboxRef;
import io.mailroom.store.api.v1.MailboxesGrpc;
import io.mailroom.store.api.v1.MaildropGrpc;
import io.mailroom.store.api.v1.MessagesGrpc;
import io.mailroom.store.api.v1.PasswordCredential;
import io.mailroom.store.api.v1.SelectReply;
import io.mailroom.store.api.v1.SelectRequest;
import io.mailroom.store.api.v1.UidRange;
import io.mailroom.store.api.v1.UidSet;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A test user of the store: an account made over the admin API, and gRPC stubs with its token. */
public final class StoreClient {
  public static final String ADMIN =
      "Bearer " + env("MAILROOM_ADMIN_TOKEN", "dev-only-admin-token");
  public static final String SERVICE_TOKEN =
      env("MAILROOM_SERVICE_TOKEN", "dev-only-service-token");
  public static final Metadata.Key<String> ERROR =
      Metadata.Key.of("mailroom-error", Metadata.ASCII_STRING_MARSHALLER);
  private static final AtomicLong SEQ = new AtomicLong();
  private static ManagedChannel channel;

  public final String username;
  public final String password = "secret-" + System.nanoTime();
  public final String token;

  private StoreClient(String prefix) {
    this.username = uniqueUsername(prefix);
    createAccount(username, password);
    this.token =
        AuthGrpc.newBlockingStub(channel())
            .authenticate(
                AuthenticateRequest.newBuilder()
                    .setPassword(
                        PasswordCredential.newBuilder().setUsername(username).setPassword(password))
                    .build())
            .getToken();
  }

  public static StoreClient create(String prefix) {
    return new StoreClient(prefix);
  }

  /**
   * A username no other test and no earlier run has taken: the test database is shared and kept.
   */
  public static String uniqueUsername(String prefix) {
    return prefix
        + "-"
        + ProcessHandle.current().pid()
        + "-"
        + System.nanoTime() % 1_000_000_000
        + "-"
        + SEQ.incrementAndGet();
  }

  /** Creates the account over the admin API, as an operator would: 201. */
  public static void createAccount(String username, String password) {
    given()
        .header("Authorization", ADMIN)
        .contentType("application/json")
        .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
        .post("/admin/v1/accounts")
        .then()
        .statusCode(201);
  }

  /** Sets the account's storage limit in octets over the admin API (0: unlimited). */
  public void quota(long bytes) {
    given()
        .header("Authorization", ADMIN)
        .contentType("application/json")
        .body("{\"quotaBytes\":" + bytes + "}")
        .put("/admin/v1/accounts/" + username + "/quota")
        .then()
        .statusCode(204);
  }

  /** Octets the account's messages take, as the admin API reports them. */
  public long usedBytes() {
    return given()
        .header("Authorization", ADMIN)
        .get("/admin/v1/accounts/" + username)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("usedBytes");
  }

  public static synchronized ManagedChannel channel() {
    if (channel == null) {
      channel =
          ManagedChannelBuilder.forAddress(
                  "127.0.0.1",
                  org.eclipse.microprofile.config.ConfigProvider.getConfig()
                      .getValue("quarkus.grpc.server.test-port", Integer.class))
              .usePlaintext()
              .maxInboundMessageSize(16 << 20)
              .build();
    }
    return channel;
  }

  public <S extends AbstractStub<S>> S withToken(S stub) {
    Metadata m = new Metadata();
    m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(m))
        .withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  public static <S extends AbstractStub<S>> S asService(S stub, String account) {
    Metadata m = new Metadata();
    m.put(
        Metadata.Key.of("x-mailroom-service-token", Metadata.ASCII_STRING_MARSHALLER),
        SERVICE_TOKEN);
    if (account != null) {
      m.put(Metadata.Key.of("x-mailroom-account", Metadata.ASCII_STRING_MARSHALLER), account);
    }
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(m));
  }

  public MailboxesGrpc.MailboxesBlockingStub mailboxes() {
    return withToken(MailboxesGrpc.newBlockingStub(channel()));
  }

  public MessagesGrpc.MessagesBlockingStub messages() {
    return withToken(MessagesGrpc.newBlockingStub(channel()));
  }

  public MessagesGrpc.MessagesStub messagesAsync() {
    return withToken(MessagesGrpc.newStub(channel()));
  }

  public MaildropGrpc.MaildropBlockingStub maildrop() {
    return withToken(MaildropGrpc.newBlockingStub(channel()));
  }

  public static DeliveryGrpc.DeliveryStub delivery() {
    return DeliveryGrpc.newStub(channel());
  }

  /** SELECT: the mailbox info, pages ignored. */
  public SelectReply select(String mailbox) {
    var it = messages().select(SelectRequest.newBuilder().setName(mailbox).build());
    SelectReply first = it.next();
    it.forEachRemaining(r -> {});
    return first;
  }

  public MailboxRef ref(String mailbox) {
    var info = select(mailbox).getMailbox();
    return MailboxRef.newBuilder()
        .setMailboxId(info.getMailboxId())
        .setUidValidity(info.getUidValidity())
        .build();
  }

  public AppendReply append(String mailbox, String message, String... flags) {
    return append(mailbox, message.getBytes(StandardCharsets.UTF_8), flags);
  }

  public AppendReply append(String mailbox, byte[] message, String... flags) {
    return appendAsync(mailbox, message, flags).join();
  }

  /** Sends the header and the bytes in 1 MiB pieces. */
  public CompletableFuture<AppendReply> appendAsync(
      String mailbox, byte[] message, String... flags) {
    CompletableFuture<AppendReply> result = new CompletableFuture<>();
    StreamObserver<AppendRequest> out = messagesAsync().append(observer(result));
    out.onNext(
        AppendRequest.newBuilder()
            .setHeader(
                AppendHeader.newBuilder()
                    .setMailbox(mailbox)
                    .addAllFlags(List.of(flags))
                    .setSize(message.length))
            .build());
    for (int i = 0; i < message.length; i += 1 << 20) {
      out.onNext(
          AppendRequest.newBuilder()
              .setData(ByteString.copyFrom(message, i, Math.min(1 << 20, message.length - i)))
              .build());
    }
    out.onCompleted();
    return result;
  }

  public static <T> StreamObserver<T> observer(CompletableFuture<T> result) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        result.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        result.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {}
    };
  }

  public static UidSet uids(long first, long last) {
    return UidSet.newBuilder()
        .addRanges(UidRange.newBuilder().setFirst((int) first).setLast((int) last))
        .build();
  }

  public static UidSet all() {
    return uids(1, 4294967295L);
  }

  public static Status.Code code(Throwable e) {
    Throwable t = e;
    while (t != null && !(t instanceof StatusRuntimeException)) {
      t = t.getCause();
    }
    return t == null ? null : ((StatusRuntimeException) t).getStatus().getCode();
  }

  public static String errorCode(Throwable e) {
    Throwable t = e;
    while (t != null && !(t instanceof StatusRuntimeException)) {
      t = t.getCause();
    }
    if (t == null || ((StatusRuntimeException) t).getTrailers() == null) {
      return null;
    }
    return ((StatusRuntimeException) t).getTrailers().get(ERROR);
  }

  /**
   * Content rows of a message, found by its blob key (the sha-256 of the stored octets): whether a
   * refused message left a row behind.
   */
  public static long contentRows(Pool pool, String message) {
    String sha256;
    try {
      sha256 =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(message.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return pool.preparedQuery("select count(*) from content where blob_key = $1")
        .execute(Tuple.of(sha256))
        .await()
        .indefinitely()
        .iterator()
        .next()
        .getLong(0);
  }

  public static String message(String subject, String body) {
    return "From: Alice <alice@example.org>\r\n"
        + "To: Bob <bob@example.org>\r\n"
        + "Subject: "
        + subject
        + "\r\n"
        + "Date: Mon, 7 Feb 1994 21:52:25 -0800\r\n"
        + "Message-ID: <"
        + System.nanoTime()
        + "@example.org>\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=us-ascii\r\n"
        + "\r\n"
        + body
        + "\r\n";
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isEmpty() ? fallback : v;
  }
}
