package io.mailroom.filter.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.filter.fake.TestState;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The script API under concurrent requests: every request answers at once with its own result. A
 * unit of work continued on another request's context or thread used to hang or answer 500
 * (HR000069, "reactive Session used from a different Thread").
 */
@QuarkusTest
class ScriptRestConcurrencyTest {
  private static final String BASE = "/filters/v1/accounts/alice";
  private static final int CLIENTS = 8;
  private static final int ROUNDS = 10;
  private static RestAssuredConfig previous;

  @Inject TestState state;

  @BeforeAll
  static void answerOrFail() {
    previous = RestAssured.config;
    TestState.encodeMailTypesAsText();
    // A hung request fails its round instead of the whole build.
    RestAssured.config =
        RestAssured.config()
            .httpClient(
                HttpClientConfig.httpClientConfig()
                    .setParam("http.connection.timeout", 10_000)
                    .setParam("http.socket.timeout", 10_000));
  }

  @AfterAll
  static void restore() {
    RestAssured.config = previous;
  }

  @BeforeEach
  void reset() {
    state.reset();
  }

  @Test
  void concurrentScriptChangesEachGetTheirOwnAnswer() throws Exception {
    String admin = "Bearer " + state.adminToken();
    List<String> failures = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<List<String>>> clients = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        int client = i;
        // Half the clients log in through the store, half carry the admin token.
        Callable<RequestSpecification> as =
            client % 2 == 0
                ? () -> given().auth().preemptive().basic("alice", "secret")
                : () -> given().header("Authorization", admin);
        clients.add(pool.submit(() -> rounds(client, as)));
      }
      for (Future<List<String>> client : clients) {
        try {
          failures.addAll(client.get(120, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          failures.add("client failed: " + e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(failures).isEmpty();
  }

  private static List<String> rounds(int client, Callable<RequestSpecification> as)
      throws Exception {
    List<String> wrong = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      String name = "c" + client + "-r" + round;
      String script = "# " + name + "\nkeep;\n";
      Response created =
          as.call()
              .contentType("application/sieve")
              .body(script)
              .put(BASE + "/scripts/{name}", name);
      check(wrong, name + " PUT", created, 201, "name", name);
      Response replaced =
          as.call()
              .contentType("application/sieve")
              .body(script + "# v2\n")
              .put(BASE + "/scripts/{name}", name);
      check(wrong, name + " PUT again", replaced, 200, "version", "2");
      Response read = as.call().get(BASE + "/scripts/{name}", name);
      if (read.statusCode() != 200 || !read.asString().equals(script + "# v2\n")) {
        wrong.add(name + " GET: " + read.statusCode() + " " + read.asString());
      }
      Response listed = as.call().get(BASE + "/scripts");
      if (listed.statusCode() != 200 || !listed.jsonPath().getList("name").contains(name)) {
        wrong.add(name + " list: " + listed.statusCode() + " " + listed.asString());
      }
      Response deleted = as.call().delete(BASE + "/scripts/{name}", name);
      if (deleted.statusCode() != 204) {
        wrong.add(name + " DELETE: " + deleted.statusCode() + " " + deleted.asString());
      }
    }
    return wrong;
  }

  private static void check(
      List<String> wrong, String what, Response response, int status, String field, String value) {
    if (response.statusCode() != status
        || !value.equals(String.valueOf(response.jsonPath().getString(field)))) {
      wrong.add(what + ": " + response.statusCode() + " " + response.asString());
    }
  }
}
