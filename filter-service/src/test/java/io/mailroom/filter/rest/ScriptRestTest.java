package io.mailroom.filter.rest;

import static io.mailroom.filter.rest.ScriptRequests.BASE;
import static io.mailroom.filter.rest.ScriptRequests.INVOICES;
import static io.mailroom.filter.rest.ScriptRequests.alice;
import static io.mailroom.filter.rest.ScriptRequests.put;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
/** The script REST API; apply jobs are in {@link ApplyJobRestTest}. */
class ScriptRestTest extends ScriptApiTest {

  @Inject InMemoryStore store;

  private RequestSpecification admin() {
    return given().header("Authorization", "Bearer " + state.adminToken());
  }

  @Test
  void readinessAsksTheStoreThroughStoreClientsCheck() {
    // The check lives in the store-client jar: this shows Quarkus found it (and its gRPC stub).
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'store' }.status", equalTo("UP"));
  }

  @Test
  void putListGetDeleteAScript() {
    alice()
        .contentType("application/sieve")
        .body(INVOICES)
        .put(BASE + "/scripts/{name}", "alice", "main")
        .then()
        .statusCode(201)
        .body("name", equalTo("main"))
        .body("version", equalTo(1));
    alice()
        .contentType("application/sieve")
        .body(INVOICES + "# v2\n")
        .put(BASE + "/scripts/{name}", "alice", "main")
        .then()
        .statusCode(200)
        .body("version", equalTo(2));
    alice()
        .get(BASE + "/scripts", "alice")
        .then()
        .statusCode(200)
        .body("", hasSize(1))
        .body("[0].name", equalTo("main"))
        .body("[0].activeIncoming", is(false));
    alice()
        .get(BASE + "/scripts/{name}", "alice", "main")
        .then()
        .statusCode(200)
        .contentType(containsString("application/sieve"))
        .body(equalTo(INVOICES + "# v2\n"));
    alice().delete(BASE + "/scripts/{name}", "alice", "main").then().statusCode(204);
    alice().get(BASE + "/scripts/{name}", "alice", "main").then().statusCode(404);
  }

  @Test
  void syntaxErrorIs400WithLineAndColumnAndNothingStored() {
    alice()
        .contentType("application/sieve")
        .body("require \"fileinto\";\nif true {\n  fileinto \"x\"\n}\n")
        .put(BASE + "/scripts/{name}", "alice", "broken")
        .then()
        .statusCode(400)
        .body("line", equalTo(4))
        .body("column", equalTo(1))
        .body("error", containsString("syntax error"));
    alice().get(BASE + "/scripts", "alice").then().body("", hasSize(0));
  }

  @Test
  void unknownExtensionIs400AndNothingStored() {
    alice()
        .contentType("application/sieve")
        .body("require [\"fileinto\", \"vacation\"];\n")
        .put(BASE + "/scripts/{name}", "alice", "away")
        .then()
        .statusCode(400)
        .body("error", containsString("unsupported extension \"vacation\""))
        .body("line", equalTo(1))
        .body("column", equalTo(22));
    alice().get(BASE + "/scripts", "alice").then().body("", hasSize(0));
  }

  @Test
  void oversizeScriptIs413AndNothingStored() {
    // The test profile's limit is 1024 octets.
    var big = "# " + "x".repeat(1100) + "\nkeep;\n";
    alice()
        .contentType("application/sieve")
        .body(big)
        .put(BASE + "/scripts/{name}", "alice", "big")
        .then()
        .statusCode(413)
        .body("error", containsString("limit of 1024"));
    alice().get(BASE + "/scripts", "alice").then().body("", hasSize(0));
  }

  @Test
  void badNamesAre400AndNothingStored() {
    for (var name : new String[] {"tab\tname", "bell\u0007", "x".repeat(129)}) {
      alice()
          .contentType("application/sieve")
          .body("keep;")
          .put(BASE + "/scripts/{name}", "alice", name)
          .then()
          .statusCode(400)
          .body("error", containsString("script name"));
    }
    // A "/" never reaches a script: encoded, it is refused all the same.
    var slash =
        alice()
            .urlEncodingEnabled(false)
            .contentType("application/sieve")
            .body("keep;")
            .put("/filters/v1/accounts/alice/scripts/a%2Fb")
            .statusCode();
    assertThat(slash).isIn(400, 404);
    alice().get(BASE + "/scripts", "alice").then().body("", hasSize(0));
  }

  @Test
  void authentication() {
    given().get(BASE + "/scripts", "alice").then().statusCode(401);
    given()
        .auth()
        .preemptive()
        .basic("alice", "wrong")
        .get(BASE + "/scripts", "alice")
        .then()
        .statusCode(401);
    // A user may not touch another account's scripts.
    alice().get(BASE + "/scripts", "bob").then().statusCode(403);
    alice()
        .contentType("application/sieve")
        .body("keep;")
        .put(BASE + "/scripts/{name}", "bob", "x")
        .then()
        .statusCode(403);
    // The admin token may.
    admin()
        .contentType("application/sieve")
        .body("keep;")
        .put(BASE + "/scripts/{name}", "bob", "x")
        .then()
        .statusCode(201);
    given()
        .header("Authorization", "Bearer nope")
        .get(BASE + "/scripts", "bob")
        .then()
        .statusCode(401);
  }

  @Test
  void activateOneScriptPerDirection() {
    put("a", "keep;");
    put("b", "keep;");
    alice()
        .post(BASE + "/scripts/{name}/activate?direction=incoming", "alice", "a")
        .then()
        .statusCode(204);
    alice()
        .post(BASE + "/scripts/{name}/activate?direction=incoming", "alice", "b")
        .then()
        .statusCode(204);
    alice()
        .post(BASE + "/scripts/{name}/activate?direction=outgoing", "alice", "a")
        .then()
        .statusCode(204);
    alice()
        .get(BASE + "/scripts", "alice")
        .then()
        .body("find { it.name == 'a' }.activeIncoming", is(false))
        .body("find { it.name == 'a' }.activeOutgoing", is(true))
        .body("find { it.name == 'b' }.activeIncoming", is(true));
    alice()
        .post(BASE + "/scripts/{name}/activate?direction=sideways", "alice", "a")
        .then()
        .statusCode(400);
    alice()
        .post(BASE + "/scripts/{name}/activate?direction=incoming", "alice", "nope")
        .then()
        .statusCode(404);
    // The active script stays active when activating a missing one failed.
    alice()
        .get(BASE + "/scripts", "alice")
        .then()
        .body("find { it.name == 'b' }.activeIncoming", is(true));
    // An active script cannot be deleted.
    alice().delete(BASE + "/scripts/{name}", "alice", "b").then().statusCode(409);
  }

  @Test
  void dryRunOnARawMessageDoesNothing() {
    put("main", INVOICES);
    alice()
        .contentType("message/rfc822")
        .body("From: a@example.org\r\nSubject: Your invoice\r\n\r\nPay.\r\n")
        .post(BASE + "/scripts/{name}/dry-run", "alice", "main")
        .then()
        .statusCode(200)
        .body("messages[0].actions", equalTo(java.util.List.of("fileinto :create \"Invoices\"")));
    assertThat(store.calls().all()).isEmpty();
  }

  @Test
  void dryRunOverAMailboxAnswersPerMessage() {
    put("main", INVOICES);
    store.deliver("alice", "INBOX", "Subject: hello\r\n\r\nhi\r\n");
    store.deliver("alice", "INBOX", "Subject: invoice 7\r\n\r\npay\r\n");
    alice()
        .contentType("application/json")
        .body("{\"mailbox\":\"INBOX\",\"limit\":100}")
        .post(BASE + "/scripts/{name}/dry-run", "alice", "main")
        .then()
        .statusCode(200)
        .body("messages", hasSize(2))
        .body("messages[0].uid", equalTo(1))
        .body("messages[0].actions", equalTo(java.util.List.of("keep")))
        .body("messages[1].actions", equalTo(java.util.List.of("fileinto :create \"Invoices\"")));
    assertThat(store.calls().all()).isEmpty();
    assertThat(store.uids("alice", "INBOX")).hasSize(2);
  }
}
