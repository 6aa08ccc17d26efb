package io.mailroom.filter.managesieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mailroom.filter.config.FilterConfig;
import io.mailroom.filter.script.ScriptService;
import io.mailroom.filter.testing.TestState;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ManageSieve as a client sees it: bytes over a socket on the test port. */
@QuarkusTest
class ManageSieveTest {
  private static final int PORT = 14190;

  @Inject TestState state;
  @Inject ScriptService scripts;
  @Inject FilterConfig config;

  @BeforeEach
  void reset() {
    state.reset();
  }

  /** A minimal ManageSieve client: reads responses up to their OK/NO/BYE line. */
  static final class Client implements AutoCloseable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    Client() throws IOException {
      socket = new Socket("127.0.0.1", PORT);
      socket.setSoTimeout(20_000);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    }

    void send(String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    String line() throws IOException {
      var bytes = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) != -1) {
        if (b == '\n') {
          break;
        }
        bytes.write(b);
      }
      if (b == -1 && bytes.size() == 0) {
        return null;
      }
      var text = bytes.toString(StandardCharsets.UTF_8);
      return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** Lines up to and including the status line; a literal's content is one entry. */
    List<String> response() throws IOException {
      var lines = new ArrayList<String>();
      while (true) {
        var line = line();
        if (line == null) {
          lines.add("<closed>");
          return lines;
        }
        if (line.matches("\\{\\d+}")) {
          var size = Integer.parseInt(line.substring(1, line.length() - 1));
          lines.add(new String(in.readNBytes(size), StandardCharsets.UTF_8));
          continue;
        }
        lines.add(line);
        if (line.startsWith("OK") || line.startsWith("NO") || line.startsWith("BYE")) {
          return lines;
        }
      }
    }

    String last(List<String> response) {
      return response.get(response.size() - 1);
    }

    String command(String text) throws IOException {
      send(text);
      return last(response());
    }

    void startTls() throws Exception {
      var trustAll =
          new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String type) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String type) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          };
      var context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustAll}, null);
      var tls =
          (SSLSocket) context.getSocketFactory().createSocket(socket, "127.0.0.1", PORT, true);
      tls.setUseClientMode(true);
      tls.startHandshake();
      socket = tls;
      in = tls.getInputStream();
      out = tls.getOutputStream();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static String plain(String user, String password) {
    return Base64.getEncoder()
        .encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String literal(String text) {
    return "{" + text.getBytes(StandardCharsets.UTF_8).length + "+}\r\n" + text;
  }

  @Test
  void greetingAdvertisesCapabilities() throws Exception {
    try (var client = new Client()) {
      var greeting = client.response();
      assertThat(greeting)
          .contains("\"IMPLEMENTATION\" \"Mailroom\"", "\"SASL\" \"PLAIN\"", "\"VERSION\" \"1.0\"");
      assertThat(greeting)
          .anySatisfy(
              line ->
                  assertThat(line)
                      .startsWith("\"SIEVE\" \"fileinto envelope body imap4flags copy mailbox"));
      assertThat(client.last(greeting)).startsWith("OK");
      client.send("CAPABILITY\r\n");
      assertThat(client.last(client.response())).startsWith("OK");
    }
  }

  @Test
  void commandsNeedAuthenticationAndBadCredentialsAreRefused() throws Exception {
    try (var client = new Client()) {
      client.response();
      assertThat(client.command("LISTSCRIPTS\r\n")).startsWith("NO");
      assertThat(client.command("AUTHENTICATE \"PLAIN\" \"" + plain("alice", "wrong") + "\"\r\n"))
          .startsWith("NO");
      assertThat(client.command("AUTHENTICATE \"PLAIN\" \"" + plain("alice", "secret") + "\"\r\n"))
          .startsWith("OK");
      assertThat(client.command("LISTSCRIPTS\r\n")).startsWith("OK");
    }
  }

  @Test
  void authenticateWithoutInitialResponseGetsAChallenge() throws Exception {
    try (var client = new Client()) {
      client.response();
      client.send("AUTHENTICATE \"PLAIN\"\r\n");
      assertThat(client.line()).isEqualTo("\"\"");
      var response = plain("alice", "secret");
      assertThat(client.command(literal(response) + "\r\n")).startsWith("OK");
    }
  }

  @Test
  void scriptLifecycle() throws Exception {
    var script =
        "require \"fileinto\";\r\nif header :contains \"subject\" \"x\" {\r\n  fileinto \"X\";\r\n}\r\n";
    try (var client = new Client()) {
      client.response();
      client.command("AUTHENTICATE \"PLAIN\" \"" + plain("alice", "secret") + "\"\r\n");
      assertThat(client.command("HAVESPACE \"main\" 100\r\n")).startsWith("OK");
      assertThat(client.command("HAVESPACE \"main\" 999999\r\n")).startsWith("NO (QUOTA/MAXSIZE)");
      assertThat(client.command("CHECKSCRIPT " + literal(script) + "\r\n")).startsWith("OK");
      assertThat(client.command("PUTSCRIPT \"main\" " + literal(script) + "\r\n")).startsWith("OK");
      // A synchronizing literal works too.
      assertThat(client.command("PUTSCRIPT \"other\" {5}\r\nkeep;\r\n")).startsWith("OK");
      assertThat(client.command("SETACTIVE \"main\"\r\n")).startsWith("OK");
      client.send("LISTSCRIPTS\r\n");
      assertThat(client.response())
          .containsExactly("\"main\" ACTIVE", "\"other\"", "OK \"Listscripts completed\"");
      client.send("GETSCRIPT \"main\"\r\n");
      var got = client.response();
      assertThat(got.get(0)).isEqualTo(script);
      assertThat(client.last(got)).startsWith("OK");
      assertThat(client.command("GETSCRIPT \"nope\"\r\n")).startsWith("NO (NONEXISTENT)");
      assertThat(client.command("DELETESCRIPT \"main\"\r\n")).startsWith("NO (ACTIVE)");
      assertThat(client.command("RENAMESCRIPT \"main\" \"other\"\r\n"))
          .startsWith("NO (ALREADYEXISTS)");
      assertThat(client.command("RENAMESCRIPT \"main\" \"renamed\"\r\n")).startsWith("OK");
      assertThat(client.command("SETACTIVE \"\"\r\n")).startsWith("OK");
      assertThat(client.command("DELETESCRIPT \"renamed\"\r\n")).startsWith("OK");
      assertThat(client.command("NOOP \"t1\"\r\n")).isEqualTo("OK (TAG \"t1\") \"Done\"");
      assertThat(client.command("LOGOUT\r\n")).startsWith("OK");
      assertThat(client.line()).isNull();
    }
    assertThat(scripts.list("alice").await().atMost(Duration.ofSeconds(10)))
        .extracting(s -> s.name())
        .containsExactly("other");
  }

  @Test
  void badScriptsAreRefusedAndNothingIsStored() throws Exception {
    try (var client = new Client()) {
      client.response();
      client.command("AUTHENTICATE \"PLAIN\" \"" + plain("alice", "secret") + "\"\r\n");
      assertThat(client.command("PUTSCRIPT \"bad\" " + literal("keep;\r\nif true {\r\n") + "\r\n"))
          .startsWith("NO")
          .contains("line 2")
          .contains("syntax error");
      assertThat(client.command("PUTSCRIPT \"bad\" " + literal("require \"vacation\";") + "\r\n"))
          .contains("unsupported extension \\\"vacation\\\"");
      assertThat(client.command("PUTSCRIPT \"a/b\" " + literal("keep;") + "\r\n"))
          .startsWith("NO")
          .contains("\\\"/\\\"");
      // Over the size limit (1024 in tests): the octets are skipped, the session goes on.
      assertThat(client.command("PUTSCRIPT \"big\" " + literal("#" + "x".repeat(2000)) + "\r\n"))
          .startsWith("NO (QUOTA/MAXSIZE)");
      assertThat(client.command("NOOP\r\n")).startsWith("OK");
      client.send("LISTSCRIPTS\r\n");
      assertThat(client.response()).containsExactly("OK \"Listscripts completed\"");
    }
  }

  @Test
  void startTlsThenAuthenticate() throws Exception {
    assumeTrue(
        config
            .tls()
            .cert()
            .filter(path -> java.nio.file.Files.isReadable(Path.of(path)))
            .isPresent(),
        "MAILROOM_TLS_CERT/KEY not set: STARTTLS is not offered");
    try (var client = new Client()) {
      assertThat(client.response()).contains("\"STARTTLS\"");
      assertThat(client.command("STARTTLS\r\n")).startsWith("OK");
      client.startTls();
      var capabilities = client.response();
      assertThat(capabilities).doesNotContain("\"STARTTLS\"");
      assertThat(client.last(capabilities)).startsWith("OK");
      assertThat(client.command("AUTHENTICATE \"PLAIN\" \"" + plain("alice", "secret") + "\"\r\n"))
          .startsWith("OK");
      assertThat(client.command("LISTSCRIPTS\r\n")).startsWith("OK");
    }
  }
}
