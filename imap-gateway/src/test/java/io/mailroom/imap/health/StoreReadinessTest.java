package io.mailroom.imap.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The readiness check comes from store-client now: it must still be found and ask the store. */
@QuarkusTest
class StoreReadinessTest {
  @Test
  void readinessAsksTheStore() {
    JsonPath health = RestAssured.get("/q/health/ready").jsonPath();

    List<Map<String, Object>> checks = health.getList("checks");
    assertThat(checks)
        .filteredOn(check -> "store".equals(check.get("name")))
        .singleElement()
        .satisfies(store -> assertThat(store.get("status")).isEqualTo("UP"));
  }
}
