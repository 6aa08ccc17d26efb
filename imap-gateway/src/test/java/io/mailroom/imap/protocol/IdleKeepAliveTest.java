package io.mailroom.imap.protocol;

import static io.mailroom.imap.protocol.Sessions.selected;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.imap.config.ImapConfig;
import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IDLE's "* OK Still here": at the configured interval, and only while a session idles. */
@QuarkusTest
class IdleKeepAliveTest {
  @Inject InMemoryStore store;
  @Inject ImapConfig config;

  @BeforeEach
  void seed() {
    Mailboxes.seed(store);
  }

  @Test
  void keepAlivesComeAtTheConfiguredInterval() throws IOException {
    long interval = config.push().idleKeepAlive().toMillis(); // 2 s in %test
    try (var client = selected()) {
      client.sendLine("i IDLE");
      assertThat(client.readLine()).isEqualTo("+ idling");
      assertThat(client.readLine()).isEqualTo("* OK Still here");
      long first = System.nanoTime();
      assertThat(client.readLine()).isEqualTo("* OK Still here");
      long spacing = (System.nanoTime() - first) / 1_000_000;
      // Loose: a timer on a busy build machine fires late, and this only has to tell "at the
      // interval" from "in a burst" or "at some other setting" (the default is 2 minutes).
      assertThat(spacing).isBetween(interval / 2, interval * 3);
      client.sendLine("DONE");
      assertThat(client.readUntilTagged("i")).endsWith("i OK IDLE terminated\n");
    }
  }

  @Test
  void noKeepAlivesOutsideIdle() throws Exception {
    long interval = config.push().idleKeepAlive().toMillis();
    try (var neverIdled = selected();
        var idledBefore = selected()) {
      idledBefore.sendLine("i IDLE");
      assertThat(idledBefore.readLine()).isEqualTo("+ idling");
      idledBefore.sendLine("DONE");
      assertThat(idledBefore.readUntilTagged("i")).isEqualTo("i OK IDLE terminated\n");

      // Long enough for two keep-alives; NOOP then returns whatever the server sent meanwhile.
      Thread.sleep(interval * 5 / 2);
      assertThat(neverIdled.command("n", "NOOP")).isEqualTo("n OK NOOP completed\n");
      assertThat(idledBefore.command("n", "NOOP")).isEqualTo("n OK NOOP completed\n");
    }
  }
}
