package io.mailroom.store.grpc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mailroom.store.StoreClient;
import io.mailroom.store.api.v1.AuthGrpc;
import io.mailroom.store.api.v1.AuthenticateRequest;
import io.mailroom.store.api.v1.PasswordCredential;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A verified login is remembered (no second bcrypt), a wrong one never is, and a password change or
 * a removed account ends the remembered login at once — the store's counters show which path each
 * login took.
 */
@QuarkusTest
class AuthCacheTest {
  private final AuthGrpc.AuthBlockingStub auth = AuthGrpc.newBlockingStub(StoreClient.channel());

  @Inject MeterRegistry meters;

  private double bcrypts() {
    return meters.counter("mailroom.auth.bcrypt").count();
  }

  private double hits() {
    return meters.counter("mailroom.auth.cache.hits").count();
  }

  private String login(String user, String password) {
    return auth.authenticate(
            AuthenticateRequest.newBuilder()
                .setPassword(
                    PasswordCredential.newBuilder().setUsername(user).setPassword(password))
                .build())
        .getUsername();
  }

  private Throwable failedLogin(String user, String password) {
    return catchThrowable(() -> login(user, password));
  }

  @Test
  void aSecondLoginWithTheSamePasswordSkipsBcrypt() {
    StoreClient user = StoreClient.create("cache");
    login(user.username, user.password);
    double bcrypts = bcrypts();
    double hits = hits();

    assertThat(login(user.username, user.password)).isEqualTo(user.username);
    assertThat(login(user.username, user.password)).isEqualTo(user.username);

    assertThat(bcrypts() - bcrypts).isZero();
    assertThat(hits() - hits).isEqualTo(2);
  }

  @Test
  void wrongPasswordsAreNeverRemembered() {
    StoreClient user = StoreClient.create("cache");
    double bcrypts = bcrypts();
    for (int i = 0; i < 3; i++) {
      assertThat(StoreClient.errorCode(failedLogin(user.username, "wrong")))
          .isEqualTo("AUTHENTICATION_FAILED");
    }
    assertThat(bcrypts() - bcrypts).isEqualTo(3);
  }

  @Test
  void aPasswordChangeEndsTheRememberedLoginAtOnce() {
    StoreClient user = StoreClient.create("cache");
    login(user.username, user.password);
    login(user.username, user.password);

    given()
        .header("Authorization", StoreClient.ADMIN)
        .contentType("application/json")
        .body("{\"password\":\"changed-" + user.password + "\"}")
        .put("/admin/v1/accounts/" + user.username + "/password")
        .then()
        .statusCode(204);

    assertThat(StoreClient.errorCode(failedLogin(user.username, user.password)))
        .isEqualTo("AUTHENTICATION_FAILED");
    assertThat(login(user.username, "changed-" + user.password)).isEqualTo(user.username);
  }

  @Test
  void aRemovedAccountCannotLogInWithARememberedPassword() {
    StoreClient user = StoreClient.create("cache");
    login(user.username, user.password);
    given()
        .header("Authorization", StoreClient.ADMIN)
        .delete("/admin/v1/accounts/" + user.username)
        .then()
        .statusCode(204);

    assertThat(StoreClient.errorCode(failedLogin(user.username, user.password)))
        .isEqualTo("AUTHENTICATION_FAILED");
  }
}
