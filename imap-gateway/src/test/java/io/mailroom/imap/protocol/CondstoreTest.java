package io.mailroom.imap.protocol;

import static io.mailroom.imap.protocol.Sessions.selected;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CONDSTORE news from elsewhere: once enabled, unsolicited FETCH carries UID and MODSEQ. */
@QuarkusTest
class CondstoreTest {
  @Inject InMemoryStore store;

  @BeforeEach
  void seed() {
    Mailboxes.seed(store);
  }

  @Test
  void flagChangesElsewhereCarryUidAndModseqOnceEnabled() throws IOException {
    try (var plain = selected("SELECT INBOX");
        var condstore = selected("SELECT INBOX (CONDSTORE)")) {
      store.addFlag("alice", "INBOX", 2, "\\Flagged");
      assertThat(condstore.command("n", "NOOP"))
          .isEqualTo("* 2 FETCH (UID 2 FLAGS (\\Flagged) MODSEQ (6))\nn OK NOOP completed\n");
      assertThat(plain.command("n", "NOOP"))
          .isEqualTo("* 2 FETCH (FLAGS (\\Flagged \\Recent))\nn OK NOOP completed\n");
    }
  }

  @Test
  void aStoreElsewhereAfterOurFetchIsReportedAsModified() throws IOException {
    try (var client = selected("SELECT INBOX (CONDSTORE)")) {
      assertThat(client.command("f", "FETCH 3 MODSEQ"))
          .isEqualTo("* 3 FETCH (MODSEQ (4))\nf OK FETCH completed\n");
      store.addFlag("alice", "INBOX", 3, "$Other");
      assertThat(client.command("s", "STORE 2:3 (UNCHANGEDSINCE 4) +FLAGS.SILENT (\\Deleted)"))
          .isEqualTo("* 2 FETCH (MODSEQ (7))\n" + "s OK [MODIFIED 3] Conditional STORE failed\n");
      assertThat(store.flags("alice", "INBOX", 3)).doesNotContain("\\Deleted");
    }
  }
}
