package io.mailroom.imap.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.imap.protocol.Mailboxes;
import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Python's imaplib (plain and implicit TLS) as a second, independent real client. */
@QuarkusTest
class PythonImaplibTest {
  @Inject InMemoryStore store;

  @Test
  void aFullSessionWorks() throws Exception {
    Mailboxes.seed(store);
    var process =
        new ProcessBuilder(
                "python3", "src/test/resources/python/imaplib_session.py", "11143", "11993")
            .redirectErrorStream(true)
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(output).as(output).endsWith("OK\n");
    assertThat(process.exitValue()).isZero();
  }
}
