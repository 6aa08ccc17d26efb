package io.mailroom.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mailroom.pop3.require-tls=true: no login of any kind before TLS (RFC 2595 section 4). */
@QuarkusTest
@TestProfile(RequireTlsTest.RequireTls.class)
class RequireTlsTest {
  public static class RequireTls implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("mailroom.pop3.require-tls", "true");
    }
  }

  @Inject InMemoryStore store;

  @BeforeEach
  void seed() {
    Fixtures.seed(store);
  }

  private static List<String> capa(Pop3Client client) throws Exception {
    assertThat(client.command("CAPA")).startsWith("+OK");
    var lines = new ArrayList<String>();
    for (String line = client.readLine(); !line.equals("."); line = client.readLine()) {
      lines.add(line);
    }
    return lines;
  }

  @Test
  void plaintextLoginIsRefusedAndCapaHidesIt() throws Exception {
    try (var client = Pop3Client.connect()) {
      client.readLine();
      assertThat(capa(client)).contains("STLS").doesNotContain("USER", "SASL PLAIN");
      String refusal = "-ERR [AUTH] TLS required: use STLS or the POP3S port first";
      assertThat(client.command("USER alice")).isEqualTo(refusal);
      assertThat(client.command("PASS secret")).isEqualTo(refusal);
      assertThat(client.command("AUTH PLAIN AGFsaWNlAHNlY3JldA==")).isEqualTo(refusal);
      assertThat(client.command("STLS")).isEqualTo("+OK begin TLS negotiation");
      client.startTls();
      assertThat(capa(client)).contains("USER", "SASL PLAIN").doesNotContain("STLS");
      client.login("alice", "secret");
      assertThat(client.command("STAT")).isEqualTo("+OK 3 170");
    }
  }

  @Test
  void implicitTlsMayLogInAtOnce() throws Exception {
    try (var client = Pop3Client.connectTls()) {
      client.readLine();
      assertThat(client.command("AUTH PLAIN AGFsaWNlAHNlY3JldA==")).startsWith("+OK maildrop");
    }
  }
}
