package io.mailroom.store.lmtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * What the LMTP session scenarios need of a store, so that they run over a real loopback socket
 * against the fake store (fast, no boot) and against the real one (PostgreSQL, S3, outbox). The
 * scenarios themselves are the interfaces that extend this one; a runner implements all of them.
 */
interface LmtpSessions {
  /** The SIZE a session advertises unless a scenario asks for another. */
  long MAX_SIZE = 10_000;

  /**
   * The accounts of one test: alice and carol take mail, bob is over his quota, nobody has no
   * account. The real store names them afresh for every test (its database is shared and kept).
   */
  record Accounts(String alice, String bob, String carol, String nobody) {}

  /**
   * One message the store took for one recipient.
   *
   * @param mailFrom the envelope sender the store was given ("" for the null sender)
   * @param recipient the address as the MTA named it in RCPT TO
   * @param emailId the id the store gave it, which the 250 reply after DATA names
   * @param message the octets stored, trace fields included
   */
  record Delivered(String mailFrom, String recipient, String emailId, String message) {}

  Accounts accounts();

  /** The directory DATA spools bodies into; a session leaves nothing behind there. */
  Path spool();

  /**
   * Starts an LMTP server over this store that advertises {@code maxSize}, for the rest of the
   * test; returns its port.
   */
  int listen(LmtpConfig config, long maxSize) throws Exception;

  /** What the store delivered into the account's INBOX during this test, in order. */
  List<Delivered> deliveredTo(String username);

  /** A server of its own, connected to, its 220 greeting read. */
  default LmtpTestClient connect(LmtpConfig config, long maxSize) throws Exception {
    var client = new LmtpTestClient(listen(config, maxSize));
    assertThat(client.replyLine()).isEqualTo("220 lmtp.test LMTP Mailroom ready");
    return client;
  }

  default LmtpTestClient connect(LmtpConfig config) throws Exception {
    return connect(config, MAX_SIZE);
  }

  default LmtpTestClient connect() throws Exception {
    return connect(new TestLmtpConfig(spool()));
  }

  /** LHLO and MAIL FROM, then RCPT TO for each recipient, each expected to be accepted. */
  static void openTransaction(LmtpTestClient client, String... recipients) throws IOException {
    client.send("LHLO mta.example\r\n");
    assertThat(client.replyLine()).startsWith("250 ");
    client.send("MAIL FROM:<sender@remote.example>\r\n");
    assertThat(client.replyLine()).startsWith("250 2.1.0");
    for (String recipient : recipients) {
      client.send("RCPT TO:<" + recipient + ">\r\n");
      assertThat(client.replyLine()).startsWith("250 2.1.5");
    }
  }

  /** The one message the account got in this test. */
  default Delivered onlyDeliveryTo(String username) {
    List<Delivered> delivered = deliveredTo(username);
    assertThat(delivered).as("deliveries to %s", username).hasSize(1);
    return delivered.get(0);
  }

  /** No account of this test got anything. */
  default void assertNothingDelivered() {
    Accounts accounts = accounts();
    for (String username : List.of(accounts.alice(), accounts.bob(), accounts.carol())) {
      assertThat(deliveredTo(username)).as("deliveries to %s", username).isEmpty();
    }
  }

  default List<Path> spoolFiles() {
    try (Stream<Path> files = Files.list(spool())) {
      return files.toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  default void awaitSpoolEmpty() throws InterruptedException {
    await(() -> spoolFiles().isEmpty(), "spool directory empty, found " + spoolFiles());
  }

  /** Polls a condition for up to 10 s; the server's cleanup runs after its last reply. */
  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(20);
    }
  }
}
