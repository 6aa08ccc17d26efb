package io.mailroom.imap.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** Implicit TLS on the IMAPS port, STARTTLS, and the STARTTLS command-injection guard. */
@QuarkusTest
class TlsTest {
  static SSLContext trustAll() throws Exception {
    var context = SSLContext.getInstance("TLS");
    context.init(
        null,
        new TrustManager[] {
          new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) {}

            public void checkServerTrusted(X509Certificate[] c, String a) {}

            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          }
        },
        null);
    return context;
  }

  @Test
  void implicitTlsPort() throws Exception {
    var socket = (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", 11993);
    socket.startHandshake();
    try (var client = new ImapClient(socket)) {
      String greeting = client.readLine();
      assertThat(greeting).startsWith("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN");
      assertThat(greeting).doesNotContain("STARTTLS");
      assertThat(client.command("l", "LOGIN alice secret")).contains("l OK");
    }
  }

  @Test
  void startTlsUpgradesTheConnection() throws Exception {
    var plain = new Socket("127.0.0.1", ImapClient.PORT);
    var client = new ImapClient(plain);
    assertThat(client.readLine()).contains("STARTTLS");
    assertThat(client.command("t", "STARTTLS")).isEqualTo("t OK Begin TLS negotiation now\n");
    var tls =
        (SSLSocket)
            trustAll().getSocketFactory().createSocket(plain, "127.0.0.1", ImapClient.PORT, true);
    tls.startHandshake();
    try (var secure = new ImapClient(tls)) {
      String caps = secure.command("c", "CAPABILITY");
      assertThat(caps).doesNotContain("STARTTLS").contains("AUTH=PLAIN");
      assertThat(secure.command("x", "STARTTLS")).contains("x BAD");
    }
  }

  @Test
  void commandsPipelinedAfterStartTlsAreNotRun() throws Exception {
    try (var client = new ImapClient()) {
      client.readLine();
      client.send("t STARTTLS\r\nl LOGIN alice secret\r\n");
      assertThat(client.readLine()).isEqualTo("t OK Begin TLS negotiation now");
      assertThat(client.readLine()).isEqualTo("* BYE Data after STARTTLS");
      assertThat(client.isClosedByServer()).isTrue();
    }
  }
}
