package io.mailroom.filter.rest;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** The script API as the tests call it: its paths, alice's login and a script that files mail. */
final class ScriptRequests {
  static final String BASE = "/filters/v1/accounts/{user}";

  /** Files messages whose subject mentions an invoice into Invoices, made if need be. */
  static final String INVOICES =
      "require [\"fileinto\", \"mailbox\"];\n"
          + "if header :contains \"subject\" \"invoice\" {\n"
          + "  fileinto :create \"Invoices\";\n"
          + "}\n";

  private ScriptRequests() {}

  /** A request as alice, with the password the store knows her by (TestState's accounts). */
  static RequestSpecification alice() {
    return given().auth().preemptive().basic("alice", "secret");
  }

  /** Stores a new script of alice's: 201. */
  static void put(String name, String script) {
    alice()
        .contentType("application/sieve")
        .body(script)
        .put(BASE + "/scripts/{name}", "alice", name)
        .then()
        .statusCode(201);
  }
}
