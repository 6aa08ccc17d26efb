package io.mailroom.store.lmtp;

import io.mailroom.store.delivery.MailDelivery;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The LMTP servers one test started, each on an ephemeral port; closed after the test. */
final class SessionServers implements AutoCloseable {
  private final List<LmtpServer> started = new ArrayList<>();

  /** A server over {@code store}, listening; returns its port. */
  int listen(Vertx vertx, LmtpConfig config, MailDelivery store) throws Exception {
    var server = new LmtpServer(vertx, config, store);
    started.add(server);
    return server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    for (LmtpServer server : started) {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    started.clear();
  }
}
