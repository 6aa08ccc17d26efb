package io.mailroom.pop3.protocol;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The gateway's readiness is the store's: store-client's check must be found in its jar. */
@QuarkusTest
class ReadinessTest {

  @Test
  void readinessAsksTheStore() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem("store"))
        .body("checks.find { it.name == 'store' }.data.status", equalTo("SERVING"));
  }
}
