package io.mailroom.imap.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.testkit.InMemoryStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the protocol scripts in src/test/resources/scripts over a real socket against the gateway
 * and store-testkit's in-memory store. "C:" lines are sent with CRLF; "S:" lines must match the
 * next server line exactly, except that ${N} matches a number, ${ANY} any text and ${I:text} the
 * text in any case (for what RFC 2045 makes case-insensitive). e2e/module_scripts.py plays the same
 * scripts against the real store.
 */
@QuarkusTest
class ProtocolScriptTest {
  @Inject InMemoryStore store;

  static final Path SCRIPTS = Path.of("src/test/resources/scripts");

  @TestFactory
  Stream<DynamicTest> scripts() throws IOException {
    try (var files = Files.list(SCRIPTS)) {
      return files.filter(p -> p.toString().endsWith(".txt")).sorted().toList().stream()
          .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> run(p)));
    }
  }

  private void run(Path script) throws IOException {
    Mailboxes.seed(store);
    List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
    try (var client = new ImapClient()) {
      int number = 0;
      for (String line : lines) {
        number++;
        if (line.startsWith("C: ")) {
          client.sendLine(line.substring(3));
        } else if (line.startsWith("S: ")) {
          String actual = client.readLine();
          assertThat(actual)
              .as("%s line %d: expected %s", script.getFileName(), number, line.substring(3))
              .isNotNull()
              .matches(pattern(line.substring(3)));
        } else if (line.equals("CLOSED")) {
          assertThat(client.isClosedByServer()).as("%s line %d", script, number).isTrue();
        }
      }
    }
  }

  static Pattern pattern(String expected) {
    var regex = new StringBuilder();
    int i = 0;
    while (i < expected.length()) {
      if (expected.startsWith("${N}", i)) {
        regex.append("\\d+");
        i += 4;
      } else if (expected.startsWith("${ANY}", i)) {
        regex.append(".*");
        i += 6;
      } else if (expected.startsWith("${I:", i) && expected.indexOf('}', i) > 0) {
        int close = expected.indexOf('}', i);
        regex.append("(?i:").append(Pattern.quote(expected.substring(i + 4, close))).append(')');
        i = close + 1;
      } else {
        int next = expected.indexOf("${", i);
        int end = next < 0 ? expected.length() : (next == i ? i + 2 : next);
        regex.append(Pattern.quote(expected.substring(i, end)));
        i = end;
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
