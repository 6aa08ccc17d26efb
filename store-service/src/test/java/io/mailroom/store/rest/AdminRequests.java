package io.mailroom.store.rest;

import static io.restassured.RestAssured.given;

import io.mailroom.store.StoreClient;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;

/** The admin REST calls the tests make, with the admin token. */
final class AdminRequests {
  static final String ADMIN = StoreClient.ADMIN;

  private AdminRequests() {}

  static String newName() {
    return "admin-" + System.nanoTime();
  }

  static Response createAccount(String username, String password) {
    return postAccount("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
  }

  static Response postAccount(String json) {
    return given()
        .header("Authorization", ADMIN)
        .contentType("application/json")
        .body(json)
        .post("/admin/v1/accounts");
  }

  static Response putQuota(String username, String body) {
    return given()
        .header("Authorization", ADMIN)
        .contentType("application/json")
        .body(body)
        .put("/admin/v1/accounts/" + username + "/quota");
  }

  static ValidatableResponse showQuota(String username) {
    return given()
        .header("Authorization", ADMIN)
        .get("/admin/v1/accounts/" + username)
        .then()
        .statusCode(200);
  }

  static Response deliver(String username, String message) {
    return given()
        .header("Authorization", ADMIN)
        .contentType("message/rfc822")
        .body(message.getBytes(StandardCharsets.UTF_8))
        .post("/admin/v1/accounts/" + username + "/messages");
  }
}
