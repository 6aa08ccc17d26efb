package io.mailroom.pop3.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailroom.pop3.protocol.Fixtures;
import io.mailroom.pop3.protocol.Pop3Client;
import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real POP3 clients against the gateway (backed by the in-memory store). */
@QuarkusTest
class RealClientsTest {
  @Inject InMemoryStore mailStore;
  @TempDir Path dir;

  @BeforeEach
  void seed() {
    Fixtures.seed(mailStore);
  }

  @ParameterizedTest
  @CsvSource({"plain,11110", "stls,11110", "ssl,11995"})
  void pythonPoplib(String mode, int port) throws Exception {
    assumeTrue(Processes.installed("python3"), "python3 not installed");
    Path script = Path.of("src/test/resources/clients/poplib_check.py");
    var result = Processes.run(List.of("python3", script.toString(), mode, String.valueOf(port)));
    assertThat(result.exitCode()).as(result.output()).isZero();
    JsonNode json = new ObjectMapper().readTree(result.output());
    assertThat(json.get("welcome").asText()).isEqualTo("+OK Mailroom POP3 server ready");
    assertThat(json.get("stat").toString()).isEqualTo("[3,170]");
    for (JsonNode pair : json.get("retr_sizes")) {
      assertThat(pair.get(1).asLong()).isEqualTo(pair.get(0).asLong());
    }
    assertThat(json.get("retr2").toString())
        .isEqualTo(
            "[\"Subject: dots\",\"\",\".leading dot\",\"..two dots\",\"normal\",\".\",\"after\"]");
    assertThat(json.get("top3").toString()).isEqualTo("[\"Subject: long\",\"\",\"line 1\"]");
    assertThat(json.get("quit").asText()).startsWith("+OK");
    assertThat(mailStore.inbox("alice")).hasSize(2);
  }

  private Properties angus(String protocol, int port) {
    var props = new Properties();
    props.put("mail." + protocol + ".host", "127.0.0.1");
    props.put("mail." + protocol + ".port", String.valueOf(port));
    props.put("mail." + protocol + ".connectiontimeout", "10000");
    props.put("mail." + protocol + ".timeout", "15000");
    props.put("mail." + protocol + ".ssl.trust", "*");
    props.put("mail." + protocol + ".ssl.checkserveridentity", "false");
    return props;
  }

  @Test
  void jakartaMailReadsDeletesAndKeepsUidls() throws Exception {
    var props = angus("pop3", 11110);
    props.put("mail.pop3.starttls.enable", "true");
    props.put("mail.pop3.starttls.required", "true");
    Store store = Session.getInstance(props).getStore("pop3");
    store.connect("alice", "secret");
    Folder inbox = store.getFolder("INBOX");
    inbox.open(Folder.READ_WRITE);
    assertThat(inbox.getMessageCount()).isEqualTo(3);
    Message[] messages = inbox.getMessages();
    assertThat(messages[1].getSubject()).isEqualTo("dots");
    assertThat((String) messages[1].getContent()).contains(".leading dot\r\n..two dots");
    List<String> uidls = new ArrayList<>();
    for (Message m : messages) {
      uidls.add(((POP3Folder) inbox).getUID(m));
    }
    assertThat(uidls)
        .containsExactlyElementsOf(mailStore.inbox("alice").stream().map(m -> m.uidl()).toList());
    messages[0].setFlag(jakarta.mail.Flags.Flag.DELETED, true);
    inbox.close(true);
    store.close();
    assertThat(mailStore.inbox("alice")).hasSize(2);
    assertThat(mailStore.inbox("alice").get(0).uidl()).isEqualTo(uidls.get(1));
  }

  @Test
  void jakartaMailOverPop3s() throws Exception {
    Store store = Session.getInstance(angus("pop3s", 11995)).getStore("pop3s");
    store.connect("bob", "hunter2");
    Folder inbox = store.getFolder("INBOX");
    inbox.open(Folder.READ_ONLY);
    assertThat(inbox.getMessage(1).getSubject()).isEqualTo("for bob");
    inbox.close(false);
    store.close();
  }

  @Test
  void curlListsAndRetrieves() throws Exception {
    assumeTrue(Processes.installed("curl"), "curl not installed");
    var list =
        Processes.run(
            List.of(
                "curl",
                "-sS",
                "--max-time",
                "20",
                "-u",
                "alice:secret",
                "pop3://127.0.0.1:11110/"));
    assertThat(list.exitCode()).as(list.output()).isZero();
    assertThat(list.output()).isEqualTo("1 52\r\n2 61\r\n3 57\r\n");
    var retr =
        Processes.run(
            List.of(
                "curl",
                "-sS",
                "--max-time",
                "20",
                "--ssl-reqd",
                "-k",
                "-u",
                "alice:secret",
                "pop3://127.0.0.1:11110/2"));
    assertThat(retr.exitCode()).as(retr.output()).isZero();
    assertThat(retr.output()).isEqualTo(Fixtures.M2);
  }

  private Processes.Result fetchmail(boolean keep) throws Exception {
    Path deliver = dir.resolve("deliver.sh");
    Files.writeString(
        deliver, "#!/bin/sh\ncat >/dev/null\necho x >> " + dir.resolve("delivered") + "\n");
    deliver.toFile().setExecutable(true);
    Path rc = dir.resolve("fetchmailrc");
    Files.writeString(
        rc,
        "set no bouncemail\n"
            + "poll 127.0.0.1 service 11110 protocol pop3 uidl auth password\n"
            + "  user \"alice\" there with password \"secret\" is \"root\" here\n"
            + "  options "
            + (keep ? "keep" : "no keep")
            + " sslproto '' mda \""
            + deliver
            + "\"\n");
    Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
    return Processes.run(
        List.of(
            "fetchmail",
            "-f",
            rc.toString(),
            "--idfile",
            dir.resolve("ids").toString(),
            "-N",
            "--nosyslog",
            "-v"));
  }

  private long delivered() throws Exception {
    Path file = dir.resolve("delivered");
    return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).size() : 0;
  }

  @Test
  void fetchmailKeepModeTwiceDownloadsNothingTheSecondTime() throws Exception {
    assumeTrue(Processes.installed("fetchmail"), "fetchmail not installed");
    var first = fetchmail(true);
    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(delivered()).isEqualTo(3);
    var second = fetchmail(true);
    assertThat(second.exitCode()).as(second.output()).isEqualTo(1); // PS_NOMAIL
    assertThat(delivered()).isEqualTo(3);
    assertThat(mailStore.inbox("alice")).hasSize(3);
  }

  @Test
  void fetchmailFlushModeEmptiesTheMaildrop() throws Exception {
    assumeTrue(Processes.installed("fetchmail"), "fetchmail not installed");
    var run = fetchmail(false);
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(delivered()).isEqualTo(3);
    assertThat(mailStore.inbox("alice")).isEmpty();
    try (var client = Pop3Client.connect()) {
      client.readLine();
      client.login("alice", "secret");
      assertThat(client.command("STAT")).isEqualTo("+OK 0 0");
    }
  }
}
