package io.mailroom.filter.testing;

import io.mailroom.filter.config.FilterConfig;
import io.mailroom.store.testkit.InMemoryStore;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Resets the filter's tables and store-testkit's in-memory store between tests; awaits conditions.
 */
@ApplicationScoped
public class TestState {
  private final Pool pool;
  private final InMemoryStore store;

  private final FilterConfig config;

  TestState(Pool pool, InMemoryStore store, FilterConfig config) {
    this.pool = pool;
    this.store = store;
    this.config = config;
  }

  /** The configured admin token (MAILROOM_ADMIN_TOKEN wins over the test profile's value). */
  public String adminToken() {
    return config.adminToken().orElseThrow();
  }

  /** Clears everything and creates the accounts alice (secret) and bob (hunter2). */
  public void reset() {
    pool.query(
            "truncate sieve_script, processed_event, filter_audit, filter_audit_location, apply_job")
        .execute()
        .await()
        .atMost(Duration.ofSeconds(10));
    store.reset();
    // The store takes the filter's own service credential, as the real one takes its configured
    // one.
    store.serviceToken(config.serviceToken().orElseThrow());
    store.account("alice", "secret");
    store.account("bob", "hunter2");
  }

  /** RestAssured sends application/sieve and message/rfc822 bodies as text. */
  public static void encodeMailTypesAsText() {
    io.restassured.RestAssured.config =
        io.restassured.RestAssured.config()
            .encoderConfig(
                io.restassured.config.EncoderConfig.encoderConfig()
                    .encodeContentTypeAs("application/sieve", io.restassured.http.ContentType.TEXT)
                    .encodeContentTypeAs("message/rfc822", io.restassured.http.ContentType.TEXT));
  }

  /** Polls until the condition holds; fails with the message after the timeout. */
  public static void await(String what, Duration timeout, BooleanSupplier condition) {
    var deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + what);
      }
    }
  }
}
