package io.mailroom.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What STAT, LIST and UIDL show: the login snapshot, octet counts RETR keeps, exact UIDL lines. */
@QuarkusTest
class ListingTest {
  @Inject InMemoryStore store;

  @BeforeEach
  void seed() {
    Fixtures.seed(store);
  }

  @Test
  void mailArrivingDuringTheSessionShowsUpOnlyInTheNextOne() throws Exception {
    try (var client = Pop3Client.loggedIn("alice", "secret")) {
      assertThat(client.command("STAT")).isEqualTo("+OK 3 170");
      store.deliver("alice", Fixtures.BOB);

      assertThat(client.command("STAT")).isEqualTo("+OK 3 170");
      client.send("LIST");
      assertThat(client.readLine()).isEqualTo("+OK 3 messages (170 octets)");
      assertThat(client.readMultiLine()).containsExactly("1 52", "2 61", "3 57");
      assertThat(client.command("LIST 4"))
          .isEqualTo("-ERR no such message, only 3 messages in maildrop");
      client.send("UIDL");
      assertThat(client.readLine()).startsWith("+OK");
      assertThat(client.readMultiLine()).hasSize(3);
      assertThat(client.command("QUIT")).startsWith("+OK");
    }
    try (var client = Pop3Client.loggedIn("alice", "secret")) {
      assertThat(client.command("STAT")).isEqualTo("+OK 4 194");
    }
  }

  @Test
  void aMessageWithoutAFinalLineEndCountsTheCrlfRetrAdds() throws Exception {
    String unended = "Subject: cut\r\n\r\nno line end after this";
    store.deliver("alice", unended);
    try (var client = Pop3Client.loggedIn("alice", "secret")) {
      int octets = unended.length() + 2;
      assertThat(client.command("LIST 4")).isEqualTo("+OK 4 " + octets);
      assertThat(client.command("STAT")).isEqualTo("+OK 4 " + (170 + octets));
      assertThat(client.command("RETR 4")).isEqualTo("+OK " + octets + " octets");
      // exactly the announced octets, then the terminator on a line of its own
      assertThat(new String(client.readBytes(octets), StandardCharsets.US_ASCII))
          .isEqualTo(unended + "\r\n");
      assertThat(client.readLine()).isEqualTo(".");
      assertThat(client.command("NOOP")).isEqualTo("+OK");
    }
  }

  @Test
  void uidlOfOneMessageIsItsLineOfTheListing() throws Exception {
    try (var client = Pop3Client.loggedIn("alice", "secret")) {
      client.send("UIDL");
      assertThat(client.readLine()).isEqualTo("+OK unique-id listing follows");
      List<String> listing = client.readMultiLine();
      assertThat(listing).hasSize(3);
      for (int n = 1; n <= 3; n++) {
        assertThat(client.command("UIDL " + n)).isEqualTo("+OK " + listing.get(n - 1));
      }
      assertThat(listing.get(1)).isEqualTo("2 " + store.inbox("alice").get(1).uidl());
    }
  }

  @Test
  void uidlOfADeletedMessageIsAnErr() throws Exception {
    try (var client = Pop3Client.loggedIn("alice", "secret")) {
      assertThat(client.command("DELE 2")).isEqualTo("+OK message 2 deleted");
      assertThat(client.command("UIDL 2")).isEqualTo("-ERR message 2 already deleted");
      client.send("UIDL");
      assertThat(client.readLine()).startsWith("+OK");
      assertThat(client.readMultiLine()).extracting(l -> l.split(" ")[0]).containsExactly("1", "3");
    }
  }
}
