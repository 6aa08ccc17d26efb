package io.mailroom.store.rest;

import static io.mailroom.store.rest.AdminRequests.ADMIN;
import static io.mailroom.store.rest.AdminRequests.createAccount;
import static io.mailroom.store.rest.AdminRequests.deliver;
import static io.mailroom.store.rest.AdminRequests.newName;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.mailroom.store.StoreClient;
import io.mailroom.store.api.v1.AuthGrpc;
import io.mailroom.store.api.v1.AuthenticateRequest;
import io.mailroom.store.api.v1.FetchRequest;
import io.mailroom.store.api.v1.PasswordCredential;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminApiTest {
  @Test
  void createsAnAccountOnceThenAnswersConflict() {
    String name = newName();
    createAccount(name, "pw-1")
        .then()
        .statusCode(201)
        .body("username", equalTo(name))
        .body("createdAt", notNullValue());
    createAccount(name, "pw-2").then().statusCode(409);
  }

  @Test
  void rejectsBadAccountBodies() {
    createAccount("has space", "pw").then().statusCode(400);
    createAccount(newName(), "").then().statusCode(400);
    given()
        .header("Authorization", ADMIN)
        .contentType("application/json")
        .body("{not json")
        .post("/admin/v1/accounts")
        .then()
        .statusCode(400);
    given()
        .header("Authorization", ADMIN)
        .contentType("application/json")
        .body("{\"username\":\"" + newName() + "\"}")
        .post("/admin/v1/accounts")
        .then()
        .statusCode(400);
  }

  @Test
  void refusesCallsWithoutOrWithAWrongToken() {
    given().get("/admin/v1/accounts").then().statusCode(401);
    given()
        .header("Authorization", "Bearer wrong")
        .get("/admin/v1/accounts")
        .then()
        .statusCode(401);
    given()
        .contentType("application/json")
        .body("{\"username\":\"x\",\"password\":\"y\"}")
        .post("/admin/v1/accounts")
        .then()
        .statusCode(401);
    given().delete("/admin/v1/accounts/anyone").then().statusCode(401);
  }

  @Test
  void listsAndShowsAccounts() {
    String name = newName();
    createAccount(name, "pw").then().statusCode(201);
    given()
        .header("Authorization", ADMIN)
        .get("/admin/v1/accounts")
        .then()
        .statusCode(200)
        .body("username", hasItem(name));
    given()
        .header("Authorization", ADMIN)
        .get("/admin/v1/accounts/" + name)
        .then()
        .statusCode(200)
        .body("username", equalTo(name))
        .body("id", notNullValue());
    given()
        .header("Authorization", ADMIN)
        .get("/admin/v1/accounts/nobody-" + System.nanoTime())
        .then()
        .statusCode(404);
  }

  @Test
  void deletesAnAccountOnce() {
    String name = newName();
    createAccount(name, "pw").then().statusCode(201);
    given()
        .header("Authorization", ADMIN)
        .delete("/admin/v1/accounts/" + name)
        .then()
        .statusCode(204);
    given()
        .header("Authorization", ADMIN)
        .delete("/admin/v1/accounts/" + name)
        .then()
        .statusCode(404);
    given().header("Authorization", ADMIN).get("/admin/v1/accounts/" + name).then().statusCode(404);
  }

  @Test
  void changesThePasswordSoOnlyTheNewOneWorks() {
    String name = newName();
    createAccount(name, "old-pw").then().statusCode(201);
    given()
        .header("Authorization", ADMIN)
        .contentType("application/json")
        .body("{\"password\":\"new-pw\"}")
        .put("/admin/v1/accounts/" + name + "/password")
        .then()
        .statusCode(204);
    given()
        .header("Authorization", ADMIN)
        .contentType("application/json")
        .body("{\"password\":\"x\"}")
        .put("/admin/v1/accounts/nobody-" + System.nanoTime() + "/password")
        .then()
        .statusCode(404);
    var auth = AuthGrpc.newBlockingStub(StoreClient.channel());
    assertThat(
            auth.authenticate(
                    AuthenticateRequest.newBuilder()
                        .setPassword(
                            PasswordCredential.newBuilder().setUsername(name).setPassword("new-pw"))
                        .build())
                .getUsername())
        .isEqualTo(name);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                auth.authenticate(
                    AuthenticateRequest.newBuilder()
                        .setPassword(
                            PasswordCredential.newBuilder().setUsername(name).setPassword("old-pw"))
                        .build()))
        .satisfies(e -> assertThat(StoreClient.code(e)).hasToString("UNAUTHENTICATED"));
  }

  @Test
  void deliversAMessageToTheInbox() {
    StoreClient user = StoreClient.create("admin-deliver");
    String message = StoreClient.message("Hello over REST", "body text");
    int uid = deliver(user.username, message).then().statusCode(201).extract().path("uid");
    assertThat(uid).isEqualTo(1);
    var ref = user.ref("INBOX");
    var replies =
        user.messages()
            .fetch(
                FetchRequest.newBuilder()
                    .setMailbox(ref)
                    .setUids(StoreClient.uids(1, 1))
                    .setSize(true)
                    .build());
    assertThat(replies.next().getMeta().getSize()).isEqualTo(message.length());
  }

  @Test
  void deliveryToAnUnknownAccountIs404() {
    deliver("nobody-" + System.nanoTime(), "Subject: x\r\n\r\nbody\r\n").then().statusCode(404);
  }

  @Test
  void refusesAMessageOverTheLimitWith413() {
    StoreClient user = StoreClient.create("admin-big");
    long size = 50L * 1024 * 1024 + 1;
    InputStream big = new RepeatingStream(size);
    given()
        .header("Authorization", ADMIN)
        .contentType("message/rfc822")
        .body(big)
        .post("/admin/v1/accounts/" + user.username + "/messages")
        .then()
        .statusCode(413);
    assertThat(user.select("INBOX").getMailbox().getMessages()).isZero();
  }

  @Test
  void servesTheOpenApiDocument() {
    given().get("/q/openapi").then().statusCode(200);
  }

  /** A large body without holding it in memory. */
  static final class RepeatingStream extends InputStream {
    private final byte[] line =
        "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrs\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private long remaining;
    private long pos;

    RepeatingStream(long size) {
      this.remaining = size;
    }

    @Override
    public int read() {
      if (remaining == 0) {
        return -1;
      }
      remaining--;
      return line[(int) (pos++ % line.length)];
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (remaining == 0) {
        return -1;
      }
      int n = (int) Math.min(len, remaining);
      for (int i = 0; i < n; i++) {
        b[off + i] = line[(int) (pos++ % line.length)];
      }
      remaining -= n;
      return n;
    }
  }
}
