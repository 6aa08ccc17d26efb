package io.mailroom.filter.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The script API under concurrent requests: every request answers at once with its own result. A
 * unit of work continued on another request's context or thread used to hang or answer 500
 * (HR000069, "reactive Session used from a different Thread").
 */
@QuarkusTest
class ScriptRestConcurrencyTest extends ScriptApiTest {
  private static final String SCRIPTS = "/filters/v1/accounts/alice/scripts";
  private static final int ROUNDS = 10;
  private static final ConcurrentClients CLIENTS = new ConcurrentClients(8);

  @Test
  void concurrentScriptChangesEachGetTheirOwnAnswer() throws Exception {
    String admin = "Bearer " + state.adminToken();
    List<String> failures =
        CLIENTS.eachRound(
            ROUNDS,
            (client, round, wrong) -> {
              // Half the clients log in through the store, half carry the admin token.
              Supplier<RequestSpecification> as =
                  client % 2 == 0
                      ? ScriptRequests::alice
                      : () -> given().header("Authorization", admin);
              String name = "c" + client + "-r" + round;
              String script = "# " + name + "\nkeep;\n";
              Response created =
                  as.get()
                      .contentType("application/sieve")
                      .body(script)
                      .put(SCRIPTS + "/{name}", name);
              check(wrong, name + " PUT", created, 201, "name", name);
              Response replaced =
                  as.get()
                      .contentType("application/sieve")
                      .body(script + "# v2\n")
                      .put(SCRIPTS + "/{name}", name);
              check(wrong, name + " PUT again", replaced, 200, "version", "2");
              Response read = as.get().get(SCRIPTS + "/{name}", name);
              if (read.statusCode() != 200 || !read.asString().equals(script + "# v2\n")) {
                wrong.add(name + " GET: " + read.statusCode() + " " + read.asString());
              }
              Response listed = as.get().get(SCRIPTS);
              if (listed.statusCode() != 200 || !listed.jsonPath().getList("name").contains(name)) {
                wrong.add(name + " list: " + listed.statusCode() + " " + listed.asString());
              }
              Response deleted = as.get().delete(SCRIPTS + "/{name}", name);
              if (deleted.statusCode() != 204) {
                wrong.add(name + " DELETE: " + deleted.statusCode() + " " + deleted.asString());
              }
            });
    assertThat(failures).isEmpty();
  }

  private static void check(
      List<String> wrong, String what, Response response, int status, String field, String value) {
    if (response.statusCode() != status
        || !value.equals(String.valueOf(response.jsonPath().getString(field)))) {
      wrong.add(what + ": " + response.statusCode() + " " + response.asString());
    }
  }
}
