package io.mailroom.store.testkit;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The in-memory store holds to the contract, over real gRPC on a loopback port. */
class InMemoryStoreContractTest implements StoreContract {
  private static final AtomicInteger ACCOUNTS = new AtomicInteger();
  private static InMemoryStoreServer server;

  @BeforeAll
  static void start() {
    server = InMemoryStoreServer.start();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    server.close();
  }

  @Override
  public String newAccount(String password) {
    String username = "contract-" + ACCOUNTS.incrementAndGet();
    server.store().account(username, password);
    return username;
  }

  @Override
  public void deliver(String username, byte[] message) {
    server.store().deliver(username, message);
  }

  @Override
  public void quota(String username, long octets) {
    server.store().quota(username, octets);
  }

  @Override
  public StoreClients clients() {
    return server.clients();
  }
}
