package io.mailroom.store.lmtp;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The LMTP session scenarios against {@link FakeMailDelivery}: no Quarkus boot, milliseconds. */
class FakeStoreLmtpSessionTest
    implements SessionBasics, EnvelopeErrors, MessageData, RecipientOutcomes, SmtplibSession {
  private static final Accounts ACCOUNTS = new Accounts("alice", "bob", "carol", "nobody");

  private static Vertx vertx;

  @TempDir Path spool;
  private FakeMailDelivery store = fakeStore(MAX_SIZE);
  private final SessionServers servers = new SessionServers();

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopServers() throws Exception {
    servers.close();
  }

  private static FakeMailDelivery fakeStore(long maxSize) {
    return new FakeMailDelivery(
        Map.of(
            ACCOUNTS.alice(), FakeMailDelivery.Answer.DELIVER,
            ACCOUNTS.bob(), FakeMailDelivery.Answer.OVER_QUOTA,
            ACCOUNTS.carol(), FakeMailDelivery.Answer.DELIVER),
        maxSize);
  }

  @Override
  public Accounts accounts() {
    return ACCOUNTS;
  }

  @Override
  public Path spool() {
    return spool;
  }

  @Override
  public int listen(LmtpConfig config, long maxSize) throws Exception {
    store = fakeStore(maxSize);
    return servers.listen(vertx, config, store);
  }

  @Override
  public List<Delivered> deliveredTo(String username) {
    return store.deliveredTo(username);
  }
}
