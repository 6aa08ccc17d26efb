package io.mailroom.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RETR and TOP stream: the gateway pulls a message from the store only as fast as the client takes
 * it, and TOP stops pulling once it has its lines. Measured by the chunks the in-memory store
 * handed to gRPC, which it does only as the gateway's demand opens the flow-control window.
 */
@QuarkusTest
class StreamingTest {
  private static final int CHUNK = 64 * 1024;

  /**
   * Large against what may sit between the store and a stalled client even when every step waits
   * for the next: gRPC's window (1 MiB by default) and the kernel's socket buffers, which on
   * loopback grow to a few MiB. About a quarter of this message is pulled before the stall shows.
   */
  private static final String BIG = Fixtures.bigMessage(16 << 20);

  private static final int BIG_CHUNKS = (BIG.length() + CHUNK - 1) / CHUNK;

  /** How long the store must stay quiet before a stream counts as stalled. */
  private static final Duration QUIET = Duration.ofMillis(500);

  @Inject InMemoryStore store;

  @BeforeEach
  void seed() {
    Fixtures.seed(store);
    store.deliver("alice", BIG);
    store.chunkSize(CHUNK);
  }

  private int pulledOnceStalled() throws InterruptedException {
    return Await.settled("the store stream", store::chunksSent, QUIET);
  }

  @Test
  void retrPullsTheMessageOnlyAsFastAsTheClientReads() throws Exception {
    try (var client = Pop3Client.connectSlowReader("127.0.0.1")) {
      client.readLine();
      client.login("alice", "secret");
      assertThat(client.command("RETR 4")).isEqualTo("+OK " + BIG.length() + " octets");
      assertThat(client.readLine()).isEqualTo("Subject: big");

      // the client stops reading: the gateway must stop pulling long before the end
      assertThat(pulledOnceStalled()).isLessThan(BIG_CHUNKS / 2);

      // reading on pulls the rest, and the message arrives whole
      client.readFaster();
      byte[] rest = client.readMultiLineBody();
      Fixtures.assertSameMessage(
          "Subject: big\r\n" + new String(rest, StandardCharsets.UTF_8), BIG);
      assertThat(store.chunksSent()).isEqualTo(BIG_CHUNKS);
      assertThat(client.command("NOOP")).isEqualTo("+OK");
    }
  }

  @Test
  void aClientGoneInTheMiddleOfRetrLeavesTheMessageUnseen() throws Exception {
    try (var client = Pop3Client.connectSlowReader("127.0.0.1")) {
      client.readLine();
      client.login("alice", "secret");
      assertThat(client.command("RETR 4")).startsWith("+OK");
      assertThat(client.readLine()).isEqualTo("Subject: big");
      pulledOnceStalled();
    } // gone before the end of the message
    Await.until("the session is over", () -> !store.locked("alice"));
    assertThat(store.inbox("alice").get(3).flags()).doesNotContain("\\Seen");
  }

  @Test
  void topWithNoLinesReadsOnlyTheHeader() throws Exception {
    try (var client = Pop3Client.loggedIn("alice", "secret")) {
      client.send("TOP 4 0");
      assertThat(client.readLine()).isEqualTo("+OK top of message follows");
      assertThat(new String(client.readMultiLineBody(), StandardCharsets.UTF_8))
          .isEqualTo("Subject: big\r\n\r\n");
      // the header is one chunk; the body is not asked for at all
      assertThat(pulledOnceStalled()).isEqualTo(1);
      assertThat(client.command("NOOP")).isEqualTo("+OK");
    }
  }

  @Test
  void topStopsReadingTheBodyAfterItsLines() throws Exception {
    try (var client = Pop3Client.loggedIn("alice", "secret")) {
      client.send("TOP 4 3");
      assertThat(client.readLine()).isEqualTo("+OK top of message follows");
      assertThat(new String(client.readMultiLineBody(), StandardCharsets.UTF_8))
          .isEqualTo(String.join("\r\n", BIG.lines().limit(5).toList()) + "\r\n");
      // what the store had put into the gRPC window before the stream was cancelled, no more
      assertThat(pulledOnceStalled()).isLessThan(BIG_CHUNKS / 8);
      assertThat(client.command("NOOP")).isEqualTo("+OK");
    }
  }
}
