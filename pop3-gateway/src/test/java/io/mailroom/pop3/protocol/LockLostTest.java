package io.mailroom.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store refuses to renew the maildrop lease (EXPIRED: someone else holds it now). The session
 * must not act on a maildrop it no longer owns: its next command ends it, and QUIT deletes nothing.
 */
@QuarkusTest
class LockLostTest {
  @Inject InMemoryStore store;

  /**
   * The gateway's only sign that it has taken in the refusal is its warning; it is logged in the
   * same event-loop task that marks the session, so a command sent after it sees the loss.
   */
  private final AtomicBoolean lossNoticed = new AtomicBoolean();

  private final Handler lossWatcher =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (String.valueOf(record.getMessage()).contains("lost its maildrop lock")) {
            lossNoticed.set(true);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private static Logger loginFlowLog() {
    return Logger.getLogger("io.mailroom.pop3.handler.LoginFlow");
  }

  @BeforeEach
  void seed() {
    Fixtures.seed(store);
    loginFlowLog().addHandler(lossWatcher);
  }

  @AfterEach
  void stopWatching() {
    loginFlowLog().removeHandler(lossWatcher);
  }

  /** Another holder takes the lease; waits until the session has been told at renewal. */
  private void loseTheLock() throws InterruptedException {
    store.stealLease("alice");
    Await.until("the store refuses a renewal", () -> store.renewalsRefused() > 0);
    Await.until("the session takes in the refusal", lossNoticed::get);
  }

  @Test
  void theNextCommandAfterTheLossEndsTheSession() throws Exception {
    try (var client = Pop3Client.loggedIn("alice", "secret")) {
      assertThat(client.command("DELE 1")).startsWith("+OK");
      loseTheLock();
      assertThat(client.command("STAT")).isEqualTo("-ERR [SYS/TEMP] maildrop lock lost, closing");
      assertThat(client.readLine()).isNull();
    }
    assertThat(store.inbox("alice")).hasSize(3);
  }

  @Test
  void quitAfterTheLossDeletesNothing() throws Exception {
    try (var client = Pop3Client.loggedIn("alice", "secret")) {
      assertThat(client.command("DELE 1")).startsWith("+OK");
      assertThat(client.command("DELE 3")).startsWith("+OK");
      loseTheLock();
      assertThat(client.command("QUIT"))
          .isEqualTo("-ERR [SYS/TEMP] maildrop lock was lost; no messages deleted");
      assertThat(client.readLine()).isNull();
    }
    assertThat(store.inbox("alice")).hasSize(3);
  }
}
