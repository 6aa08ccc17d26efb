package io.mailroom.pop3.protocol;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MetricsTest {
  @Inject InMemoryStore store;

  @Test
  void sessionsCommandsLatencyAndBytesAreExported() throws Exception {
    Fixtures.seed(store);
    try (var client = Pop3Client.connect()) {
      client.readLine();
      client.login("alice", "secret");
      client.command("STAT");
      client.command("RETR 9");
      given()
          .when()
          .get("/q/metrics")
          .then()
          .statusCode(200)
          .body(containsString("mailroom_pop3_sessions_open"))
          .body(containsString("mailroom_pop3_commands_total{command=\"STAT\",outcome=\"ok\"}"))
          .body(containsString("mailroom_pop3_commands_total{command=\"RETR\",outcome=\"err\"}"))
          .body(containsString("mailroom_pop3_command_duration_seconds_bucket{command=\"PASS\""))
          .body(containsString("mailroom_pop3_bytes_sent_bytes_total"));
    }
  }
}
