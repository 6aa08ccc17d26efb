package io.mailroom.store.rest;

import static io.mailroom.store.rest.AdminRequests.ADMIN;
import static io.mailroom.store.rest.AdminRequests.createAccount;
import static io.mailroom.store.rest.AdminRequests.deliver;
import static io.mailroom.store.rest.AdminRequests.newName;
import static io.mailroom.store.rest.AdminRequests.postAccount;
import static io.mailroom.store.rest.AdminRequests.putQuota;
import static io.mailroom.store.rest.AdminRequests.showQuota;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.mailroom.store.StoreClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** An account's storage quota over the admin REST API. */
@QuarkusTest
class AdminQuotaTest {
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
}
