package io.mailroom.store.contract;

import static io.restassured.RestAssured.given;

import io.mailroom.store.StoreClient;
import io.mailroom.store.testkit.StoreClients;
import io.mailroom.store.testkit.StoreContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real store holds to the contract the in-memory one is held to: store-client against the gRPC
 * server on its test port, over PostgreSQL, S3 and Kafka. Accounts and deliveries go through the
 * admin API, as an operator's and LMTP's would.
 */
@QuarkusTest
class RealStoreContractTest implements StoreContract {
  private static final AtomicLong ACCOUNTS = new AtomicLong();

  @Override
  public String newAccount(String password) {
    // unique across runs: the test database is shared and kept
    String username =
        "contract-"
            + ProcessHandle.current().pid()
            + "-"
            + System.nanoTime() % 1_000_000_000
            + "-"
            + ACCOUNTS.incrementAndGet();
    given()
        .header("Authorization", StoreClient.ADMIN)
        .contentType("application/json")
        .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
        .post("/admin/v1/accounts")
        .then()
        .statusCode(201);
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

  @Override
  public StoreClients clients() {
    return StoreClients.over(StoreClient.channel());
  }
}
