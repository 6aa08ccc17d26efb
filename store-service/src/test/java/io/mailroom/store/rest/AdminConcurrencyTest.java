package io.mailroom.store.rest;

import static io.mailroom.store.rest.AdminRequests.ADMIN;
import static io.mailroom.store.rest.AdminRequests.createAccount;
import static io.mailroom.store.rest.AdminRequests.deliver;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.StoreClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The admin API under concurrent requests, as bin/tools/bench.sh makes them: every request answers
 * at once with its own result. A unit of work continued on another request's context or thread used
 * to hang or answer 500 (HR000069, "reactive Session used from a different Thread").
 */
@QuarkusTest
class AdminConcurrencyTest {
  private static final int ROUNDS = 10;
  private static final ConcurrentClients CLIENTS = new ConcurrentClients(8);

  @Test
  void concurrentAccountCreationsReadsAndDeliveriesEachGetTheirOwnAnswer() throws Exception {
    String prefix = "conc-rest-" + System.nanoTime() + "-";
    List<String> failures =
        CLIENTS.eachRound(
            ROUNDS,
            (client, round, wrong) -> {
              String name = prefix + client + "-" + round;
              expect(wrong, createAccount(name, "pw-" + round), 201, name);
              expect(wrong, account(name), 200, name);
              Response delivered = deliver(name, StoreClient.message("to " + name, name));
              if (delivered.statusCode() != 201
                  || delivered.jsonPath().getInt("uid") != 1
                  || delivered.jsonPath().getLong("mailboxId") <= 0) {
                wrong.add(name + " delivery: " + delivered.statusCode() + " " + body(delivered));
              }
              Response shown = account(name);
              expect(wrong, shown, 200, name);
              if (shown.statusCode() == 200 && shown.jsonPath().getLong("usedBytes") <= 0) {
                wrong.add(name + " shows no used bytes after a delivery: " + body(shown));
              }
              status(wrong, name + " password", password(name, "new-" + round), 204);
              status(wrong, name + " DELETE", delete(name), 204);
              status(wrong, name + " after DELETE", account(name), 404);
            });
    assertThat(failures).isEmpty();
  }

  @Test
  void concurrentReadsOfOneAccountAllAnswer() throws Exception {
    String name = "conc-read-" + System.nanoTime();
    createAccount(name, "pw").then().statusCode(201);
    List<String> failures =
        CLIENTS.eachRound(
            ROUNDS * 3, (client, round, wrong) -> expect(wrong, account(name), 200, name));
    assertThat(failures).isEmpty();
  }

  /** Creating and deleting accounts of their own, as bench.sh does before every run. */
  @Test
  void concurrentDeletionsAndCreationsAllAnswer() throws Exception {
    String prefix = "conc-del-" + System.nanoTime() + "-";
    List<String> failures =
        CLIENTS.eachRound(
            ROUNDS,
            (client, round, wrong) -> {
              String name = prefix + client + "-" + round;
              status(wrong, name + " DELETE unknown", delete(name), 404);
              expect(wrong, createAccount(name, "pw"), 201, name);
              status(wrong, name + " DELETE", delete(name), 204);
            });
    assertThat(failures).isEmpty();
  }

  /** Not a check: the figure for the cost of one simple store call, printed for the record. */
  @Test
  void timesSequentialReads() {
    String name = "timed-" + System.nanoTime();
    createAccount(name, "pw").then().statusCode(201);
    for (int i = 0; i < 200; i++) {
      account(name).then().statusCode(200);
    }
    long start = System.nanoTime();
    int calls = 2000;
    for (int i = 0; i < calls; i++) {
      account(name).then().statusCode(200);
    }
    long micros = (System.nanoTime() - start) / 1000;
    System.out.printf(
        "AdminConcurrencyTest: %d sequential GET /admin/v1/accounts/{name} in %d ms (%d us each)%n",
        calls, micros / 1000, micros / calls);
  }

  private static Response account(String name) {
    return given().header("Authorization", ADMIN).get("/admin/v1/accounts/" + name);
  }

  private static Response delete(String name) {
    return given().header("Authorization", ADMIN).delete("/admin/v1/accounts/" + name);
  }

  private static Response password(String name, String password) {
    return given()
        .header("Authorization", ADMIN)
        .contentType("application/json")
        .body("{\"password\":\"" + password + "\"}")
        .put("/admin/v1/accounts/" + name + "/password");
  }

  private static void status(List<String> wrong, String what, Response response, int status) {
    if (response.statusCode() != status) {
      wrong.add(what + ": " + response.statusCode() + " " + body(response));
    }
  }

  private static void expect(List<String> wrong, Response response, int status, String name) {
    if (response.statusCode() != status
        || !name.equals(response.jsonPath().getString("username"))) {
      wrong.add(name + ": " + response.statusCode() + " " + body(response));
    }
  }

  private static String body(Response response) {
    String text = response.asString();
    return text.length() > 300 ? text.substring(0, 300) : text;
  }
}
