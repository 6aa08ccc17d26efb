package io.mailroom.store.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.mailroom.store.StoreClient;
import io.mailroom.store.api.v1.AuthGrpc;
import io.mailroom.store.api.v1.AuthenticateRequest;
import io.mailroom.store.api.v1.ListMailboxesRequest;
import io.mailroom.store.api.v1.MailboxesGrpc;
import io.mailroom.store.api.v1.PasswordCredential;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthTest {
  private final AuthGrpc.AuthBlockingStub auth = AuthGrpc.newBlockingStub(StoreClient.channel());

  private static AuthenticateRequest password(String user, String password) {
    return AuthenticateRequest.newBuilder()
        .setPassword(PasswordCredential.newBuilder().setUsername(user).setPassword(password))
        .build();
  }

  @Test
  void passwordAndSaslPlainGiveATokenForTheAccount() {
    StoreClient user = StoreClient.create("auth");
    var reply = auth.authenticate(password(user.username, user.password));
    assertThat(reply.getUsername()).isEqualTo(user.username);
    assertThat(reply.getExpiresAtEpochMs()).isGreaterThan(System.currentTimeMillis());
    var sasl =
        auth.authenticate(
            AuthenticateRequest.newBuilder()
                .setSaslPlain(
                    ByteString.copyFrom(
                        "\0" + user.username + "\0" + user.password, StandardCharsets.UTF_8))
                .build());
    assertThat(sasl.getUsername()).isEqualTo(user.username);
  }

  @Test
  void unknownUserAndWrongPasswordFailTheSameWay() {
    StoreClient user = StoreClient.create("auth");
    Throwable wrongPassword =
        catchThrowable(() -> auth.authenticate(password(user.username, "nope")));
    Throwable unknownUser =
        catchThrowable(() -> auth.authenticate(password("nobody-" + System.nanoTime(), "nope")));
    for (Throwable e : new Throwable[] {wrongPassword, unknownUser}) {
      assertThat(StoreClient.code(e)).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(StoreClient.errorCode(e)).isEqualTo("AUTHENTICATION_FAILED");
    }
    assertThat(((io.grpc.StatusRuntimeException) wrongPassword).getStatus().getDescription())
        .isEqualTo(((io.grpc.StatusRuntimeException) unknownUser).getStatus().getDescription());
  }

  @Test
  void callsWithoutOrWithAForgedTokenAreUnauthenticated() {
    var bare = MailboxesGrpc.newBlockingStub(StoreClient.channel());
    Throwable none =
        catchThrowable(() -> bare.list(ListMailboxesRequest.newBuilder().setPattern("*").build()));
    assertThat(StoreClient.code(none)).isEqualTo(Status.Code.UNAUTHENTICATED);

    StoreClient user = StoreClient.create("auth");
    String forged = user.token.substring(0, user.token.length() - 3) + "AAA";
    io.grpc.Metadata m = new io.grpc.Metadata();
    m.put(
        io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER),
        "Bearer " + forged);
    var stub = bare.withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(m));
    Throwable bad =
        catchThrowable(() -> stub.list(ListMailboxesRequest.newBuilder().setPattern("*").build()));
    assertThat(StoreClient.code(bad)).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(StoreClient.errorCode(bad)).isEqualTo("AUTHENTICATION_FAILED");
  }

  @Test
  void theServiceCredentialNamesTheAccount() {
    StoreClient user = StoreClient.create("auth");
    var asService =
        StoreClient.asService(MailboxesGrpc.newBlockingStub(StoreClient.channel()), user.username);
    var names =
        asService
            .list(ListMailboxesRequest.newBuilder().setPattern("*").build())
            .getMailboxesList();
    assertThat(names).extracting(e -> e.getName()).contains("INBOX", "Sent");

    var wrongService = MailboxesGrpc.newBlockingStub(StoreClient.channel());
    io.grpc.Metadata m = new io.grpc.Metadata();
    m.put(
        io.grpc.Metadata.Key.of(
            "x-mailroom-service-token", io.grpc.Metadata.ASCII_STRING_MARSHALLER),
        "wrong");
    m.put(
        io.grpc.Metadata.Key.of("x-mailroom-account", io.grpc.Metadata.ASCII_STRING_MARSHALLER),
        user.username);
    Throwable e =
        catchThrowable(
            () ->
                wrongService
                    .withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(m))
                    .list(ListMailboxesRequest.newBuilder().setPattern("*").build()));
    assertThat(StoreClient.code(e)).isEqualTo(Status.Code.UNAUTHENTICATED);
  }
}
