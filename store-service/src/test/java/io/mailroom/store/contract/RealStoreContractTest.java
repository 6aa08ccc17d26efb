package io.mailroom.store.contract;

import static io.restassured.RestAssured.given;

import io.mailroom.store.StoreClient;
import io.mailroom.store.testkit.StoreClients;
import io.mailroom.store.testkit.StoreContract;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The real store holds to the contract the in-memory one is held to: store-client against the gRPC
 * server on its test port, over PostgreSQL, S3 and Kafka. Accounts, quotas and deliveries go
 * through the admin API, as an operator's and LMTP's would.
 */
@QuarkusTest
class RealStoreContractTest implements StoreContract {
  @Override
  public String newAccount(String password) {
    String username = StoreClient.uniqueUsername("contract");
    StoreClient.createAccount(username, password);
    return username;
  }

  @Override
  public void deliver(String username, byte[] message) {
    given()
        .header("Authorization", StoreClient.ADMIN)
        .contentType("message/rfc822")
        .body(message)
        .post("/admin/v1/accounts/" + username + "/messages")
        .then()
        .statusCode(201);
  }

  /** As an operator sets it: PUT /admin/v1/accounts/{username}/quota (0 lifts it). */
  @Override
  public void quota(String username, long octets) {
    given()
        .header("Authorization", StoreClient.ADMIN)
        .contentType("application/json")
        .body("{\"quotaBytes\":" + octets + "}")
        .put("/admin/v1/accounts/" + username + "/quota")
        .then()
        .statusCode(204);
  }

  @Override
  public StoreClients clients() {
    return StoreClients.over(StoreClient.channel());
  }
}
