package io.mailroom.imap.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

/** Sessions of the seeded account alice (see Mailboxes), as the module tests open them. */
final class Sessions {
  private Sessions() {}

  static ImapClient loggedIn() throws IOException {
    var client = new ImapClient();
    client.readLine();
    assertThat(client.command("l", "LOGIN alice secret")).contains("l OK");
    return client;
  }

  static ImapClient selected() throws IOException {
    return selected("SELECT INBOX");
  }

  /** Logged in, then {@code select} (a SELECT command, e.g. with CONDSTORE) read-write. */
  static ImapClient selected(String select) throws IOException {
    var client = loggedIn();
    assertThat(client.command("s", select)).contains("s OK [READ-WRITE]");
    return client;
  }
}
