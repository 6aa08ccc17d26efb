package io.mailroom.imap.protocol;

import static io.mailroom.imap.protocol.Sessions.selected;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * BODY[section] of parts that do not exist: NIL, as Dovecot answers, although the store sends such
 * a section back empty, exactly like an existing part with no octets (which stays {0}).
 */
@QuarkusTest
class FetchSectionTest {
  @Inject InMemoryStore store;

  /** Part 2 exists and is empty; there is no part 3. */
  static final String EMPTY_PART =
      "From: erin@example.org\r\n"
          + "Subject: Empty attachment\r\n"
          + "MIME-Version: 1.0\r\n"
          + "Content-Type: multipart/mixed; boundary=\"YY\"\r\n"
          + "\r\n"
          + "--YY\r\n"
          + "Content-Type: text/plain\r\n"
          + "\r\n"
          + "Hi\r\n"
          + "--YY\r\n"
          + "Content-Type: text/plain\r\n"
          + "\r\n"
          + "\r\n"
          + "--YY--\r\n";

  @BeforeEach
  void seed() {
    Mailboxes.seed(store);
    store.deliver("alice", "INBOX", EMPTY_PART);
  }

  @Test
  void partBeyondASinglePartMessageIsNil() throws IOException {
    try (var client = selected()) {
      assertThat(client.command("f", "FETCH 1 (BODY[5])"))
          .isEqualTo("* 1 FETCH (BODY[5] NIL)\nf OK FETCH completed\n");
      assertThat(client.command("p", "FETCH 1 (BODY.PEEK[1.1] BODY.PEEK[2.MIME] BODY.PEEK[1])"))
          .isEqualTo(
              "* 1 FETCH (BODY[1.1] NIL BODY[2.MIME] NIL BODY[1] {25}\n"
                  + "Hi Alice,\n"
                  + "how are you?\n"
                  + ")\n"
                  + "p OK FETCH completed\n");
    }
  }

  @Test
  void partBeyondAMultipartIsNilInRequestOrder() throws IOException {
    try (var client = selected()) {
      assertThat(
              client.command(
                  "f", "UID FETCH 2 (BODY.PEEK[1] BODY.PEEK[3] BODY.PEEK[2.1] BODY.PEEK[3.TEXT])"))
          .isEqualTo(
              "* 2 FETCH (UID 2 BODY[1] {13}\n"
                  + "See attached. BODY[3] NIL BODY[2.1] NIL BODY[3.TEXT] NIL)\n"
                  + "f OK UID FETCH completed\n");
      assertThat(client.command("p", "FETCH 2 (BODY.PEEK[3]<0.10> BODY.PEEK[2]<0.4>)"))
          .isEqualTo(
              "* 2 FETCH (BODY[3]<0> NIL BODY[2]<0> {4}\nAAEC)\nf OK FETCH completed\n"
                  .replace("f OK", "p OK"));
    }
  }

  @Test
  void anExistingEmptyPartStaysAnEmptyLiteral() throws IOException {
    try (var client = selected()) {
      assertThat(client.command("f", "FETCH 4 (BODY.PEEK[2] BODY.PEEK[3] BODYSTRUCTURE)"))
          .startsWith("* 4 FETCH (BODYSTRUCTURE ((")
          .endsWith(" BODY[2] {0}\n BODY[3] NIL)\nf OK FETCH completed\n");
    }
  }
}
