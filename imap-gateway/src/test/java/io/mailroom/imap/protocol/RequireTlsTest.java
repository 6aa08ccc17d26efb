package io.mailroom.imap.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.Socket;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** With require-tls (the Kubernetes default) no password crosses the wire in the clear. */
@QuarkusTest
@TestProfile(RequireTlsTest.RequireTls.class)
class RequireTlsTest {
  public static class RequireTls implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("mailroom.imap.tls.required", "true");
    }
  }

  @Inject InMemoryStore store;

  @Test
  void loginIsRefusedBeforeTlsAndAllowedAfter() throws Exception {
    Mailboxes.seed(store);
    try (var client = new ImapClient()) {
      String greeting = client.readLine();
      assertThat(greeting).contains("STARTTLS LOGINDISABLED").doesNotContain("AUTH=PLAIN");
      assertThat(client.command("l", "LOGIN alice secret"))
          .isEqualTo("l NO [PRIVACYREQUIRED] Use STARTTLS or the IMAPS port first\n");
      assertThat(client.command("a", "AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA=="))
          .isEqualTo("a NO [PRIVACYREQUIRED] Use STARTTLS or the IMAPS port first\n");
    }
    var socket = (SSLSocket) TlsTest.trustAll().getSocketFactory().createSocket("127.0.0.1", 11993);
    try (var client = new ImapClient(socket)) {
      assertThat(client.readLine()).contains("AUTH=PLAIN").doesNotContain("LOGINDISABLED");
      assertThat(client.command("l", "LOGIN alice secret")).contains("l OK");
    }
  }

  @Test
  void onThePlainPortStartTlsUnlocksLogin() throws Exception {
    Mailboxes.seed(store);
    var plain = new Socket("127.0.0.1", ImapClient.PORT);
    var client = new ImapClient(plain);
    client.readLine();
    String before = client.command("c", "CAPABILITY");
    assertThat(before)
        .startsWith("* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED ")
        .doesNotContain("AUTH=PLAIN")
        .endsWith("c OK CAPABILITY completed\n");
    assertThat(client.command("l", "LOGIN alice secret"))
        .isEqualTo("l NO [PRIVACYREQUIRED] Use STARTTLS or the IMAPS port first\n");
    assertThat(client.command("t", "STARTTLS")).isEqualTo("t OK Begin TLS negotiation now\n");
    var tls =
        (SSLSocket)
            TlsTest.trustAll()
                .getSocketFactory()
                .createSocket(plain, "127.0.0.1", ImapClient.PORT, true);
    tls.startHandshake();
    try (var secure = new ImapClient(tls)) {
      String after = secure.command("c", "CAPABILITY");
      assertThat(after)
          .startsWith("* CAPABILITY IMAP4rev1 AUTH=PLAIN ")
          .doesNotContain("LOGINDISABLED")
          .doesNotContain("STARTTLS");
      assertThat(secure.command("l", "LOGIN alice secret")).contains("l OK [CAPABILITY");
      assertThat(secure.command("s", "SELECT INBOX")).contains("s OK [READ-WRITE]");
    }
  }
}
