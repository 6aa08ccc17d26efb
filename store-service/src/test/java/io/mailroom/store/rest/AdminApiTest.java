package io.mailroom.store.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

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
  private static final String ADMIN = StoreClient.ADMIN;

  private static String newName() {
    return "admin-" + System.nanoTime();
  }

  private static io.restassured.response.Response createAccount(String username, String password) {
    return postAccount("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
  }

  private static io.restassured.response.Response postAccount(String json) {
    return given()
        .header("Authorization", ADMIN)
        .contentType("application/json")
        .body(json)
        .post("/admin/v1/accounts");
  }

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
    int uid =
        given()
            .header("Authorization", ADMIN)
            .contentType("message/rfc822")
            .body(message.getBytes(StandardCharsets.UTF_8))
            .post("/admin/v1/accounts/" + user.username + "/messages")
            .then()
            .statusCode(201)
            .extract()
            .path("uid");
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
    given()
        .header("Authorization", ADMIN)
        .contentType("message/rfc822")
        .body("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8))
        .post("/admin/v1/accounts/nobody-" + System.nanoTime() + "/messages")
        .then()
        .statusCode(404);
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
  void setsAndShowsTheQuotaAndRefusesMailOverIt() {
    String name = newName();
    postAccount("{\"username\":\"" + name + "\",\"password\":\"pw\",\"quotaBytes\":100000}")
        .then()
        .statusCode(201)
        .body("quotaBytes", equalTo(100000))
        .body("usedBytes", equalTo(0));
    String message = StoreClient.message("counted", "body");
    deliver(name, message).then().statusCode(201);
    showQuota(name)
        .body("quotaBytes", equalTo(100000))
        .body("usedBytes", equalTo(message.length()));

    putQuota(name, "{\"quotaBytes\":" + message.length() + "}").then().statusCode(204);
    showQuota(name).body("quotaBytes", equalTo(message.length()));
    deliver(name, StoreClient.message("over", "it")).then().statusCode(507);

    putQuota(name, "{\"quotaBytes\":0}").then().statusCode(204);
    showQuota(name).body("quotaBytes", nullValue()).body("usedBytes", equalTo(message.length()));
    deliver(name, StoreClient.message("unlimited", "again")).then().statusCode(201);
    given()
        .header("Authorization", ADMIN)
        .get("/admin/v1/accounts")
        .then()
        .statusCode(200)
        .body("find { it.username == '" + name + "' }.quotaBytes", nullValue())
        .body("find { it.username == '" + name + "' }", not(hasKey("usedBytes")));
  }

  @Test
  void refusesANegativeOrMissingQuotaWith400() {
    String name = newName();
    postAccount("{\"username\":\"" + name + "\",\"password\":\"pw\",\"quotaBytes\":-1}")
        .then()
        .statusCode(400);
    given().header("Authorization", ADMIN).get("/admin/v1/accounts/" + name).then().statusCode(404);

    createAccount(name, "pw").then().statusCode(201).body("quotaBytes", nullValue());
    putQuota(name, "{\"quotaBytes\":-5}").then().statusCode(400);
    putQuota(name, "{\"quota\":5}").then().statusCode(400);
    putQuota(name, "{\"quotaBytes\":\"lots\"}").then().statusCode(400);
    showQuota(name).body("quotaBytes", nullValue());
    putQuota("nobody-" + System.nanoTime(), "{\"quotaBytes\":5}").then().statusCode(404);
  }

  private static io.restassured.response.Response putQuota(String username, String body) {
    return given()
        .header("Authorization", ADMIN)
        .contentType("application/json")
        .body(body)
        .put("/admin/v1/accounts/" + username + "/quota");
  }

  private static io.restassured.response.ValidatableResponse showQuota(String username) {
    return given()
        .header("Authorization", ADMIN)
        .get("/admin/v1/accounts/" + username)
        .then()
        .statusCode(200);
  }

  private static io.restassured.response.Response deliver(String username, String message) {
    return given()
        .header("Authorization", ADMIN)
        .contentType("message/rfc822")
        .body(message.getBytes(StandardCharsets.UTF_8))
        .post("/admin/v1/accounts/" + username + "/messages");
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
