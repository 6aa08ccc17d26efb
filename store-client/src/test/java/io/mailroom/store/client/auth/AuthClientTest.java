package io.mailroom.store.client.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.mailroom.store.api.v1.AuthGrpc;
import io.mailroom.store.api.v1.AuthenticateReply;
import io.mailroom.store.api.v1.AuthenticateRequest;
import io.mailroom.store.client.StoreFailure;
import io.mailroom.store.client.TestStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthClientTest {
  /** Knows alice/right; answers a password of "hang" never. */
  private static final class FakeAuth extends AuthGrpc.AuthImplBase {
    final AtomicReference<AuthenticateRequest> last = new AtomicReference<>();

    @Override
    public void authenticate(
        AuthenticateRequest request, StreamObserver<AuthenticateReply> replies) {
      last.set(request);
      String password =
          request.hasPassword()
              ? request.getPassword().getPassword()
              : new String(request.getSaslPlain().toByteArray(), StandardCharsets.UTF_8)
                  .split("\0")[2];
      if (password.equals("hang")) {
        return;
      }
      if (password.equals("right")) {
        replies.onNext(
            AuthenticateReply.newBuilder().setUsername("alice").setToken("tok-1").build());
        replies.onCompleted();
        return;
      }
      var trailers = new Metadata();
      trailers.put(
          Metadata.Key.of("mailroom-error", Metadata.ASCII_STRING_MARSHALLER),
          "AUTHENTICATION_FAILED");
      replies.onError(Status.UNAUTHENTICATED.asRuntimeException(trailers));
    }
  }

  private final FakeAuth fake = new FakeAuth();
  private final TestStore store = new TestStore(fake);
  private final AuthClient client = new AuthClient(TestStore.calls(), store.stubs());

  @AfterEach
  void close() throws InterruptedException {
    store.close();
  }

  @Test
  void aPasswordGivesALoginWhoseTokenNeverShows() {
    Login login =
        client
            .authenticate(new Credentials.Password("Alice", "right"), "192.0.2.7", "pop3")
            .await()
            .atMost(Duration.ofSeconds(15));

    assertThat(login).isEqualTo(new Login("alice", "tok-1"));
    assertThat(login.toString()).doesNotContain("tok-1");
    var request = fake.last.get();
    assertThat(request.getPassword().getUsername()).isEqualTo("Alice");
    assertThat(request.getRemoteAddress()).isEqualTo("192.0.2.7");
    assertThat(request.getProtocol()).isEqualTo("pop3");
  }

  @Test
  void aSaslPlainMessageGoesToTheStoreAsItIs() {
    byte[] message = "\0Alice\0right".getBytes(StandardCharsets.UTF_8);

    Login login =
        client
            .authenticate(new Credentials.SaslPlain(message), "192.0.2.7", "imap")
            .await()
            .atMost(Duration.ofSeconds(15));

    assertThat(login.username()).isEqualTo("alice");
    assertThat(fake.last.get().getSaslPlain().toByteArray()).isEqualTo(message);
  }

  @Test
  void aWrongPasswordIsAnAuthenticationFailure() {
    assertThatThrownBy(
            () ->
                client
                    .authenticate(new Credentials.Password("alice", "wrong"), "192.0.2.7", "imap")
                    .await()
                    .atMost(Duration.ofSeconds(15)))
        .isInstanceOfSatisfying(
            StoreFailure.class,
            f -> assertThat(f.reason()).isEqualTo(StoreFailure.Reason.AUTHENTICATION_FAILED));
  }

  @Test
  void aStoreThatDoesNotAnswerFailsAtTheDeadlineAsUnavailable() {
    var impatient = new AuthClient(TestStore.calls(Duration.ofSeconds(1)), store.stubs());
    long start = System.nanoTime();

    assertThatThrownBy(
            () ->
                impatient
                    .authenticate(new Credentials.Password("alice", "hang"), "192.0.2.7", "imap")
                    .await()
                    .atMost(Duration.ofSeconds(15)))
        .isInstanceOfSatisfying(
            StoreFailure.class,
            f -> {
              assertThat(f.reason()).isEqualTo(StoreFailure.Reason.UNAVAILABLE);
              assertThat(f.isTransient()).isTrue();
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void credentialsNeverShowTheirSecret() {
    assertThat(new Credentials.Password("alice", "s3cret").toString())
        .doesNotContain("s3cret")
        .contains("alice");
    var plain = new Credentials.SaslPlain("authz\0bob\0s3cret".getBytes(StandardCharsets.UTF_8));
    assertThat(plain.toString()).doesNotContain("s3cret").doesNotContain("bob");
    assertThat(plain.account()).isEqualTo("bob");
    assertThat(new Credentials.SaslPlain(new byte[] {'x'}).account()).isEmpty();
    assertThat(new ServiceCaller("svc-token", "alice").toString()).doesNotContain("svc-token");
  }
}
