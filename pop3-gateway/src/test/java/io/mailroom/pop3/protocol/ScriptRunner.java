package io.mailroom.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Plays a protocol script (James MPT style) over a real socket. "C: x" sends x; "S: x" expects
 * exactly the line x; "S~ r" expects a line matching the regex r; "S: <closed>" expects the server
 * to have closed; "STLS" after "S: +OK ..." starts TLS on the client side; "#" comments.
 */
public final class ScriptRunner {
  private ScriptRunner() {}

  public static List<String> load(String name) throws IOException {
    try (InputStream in = ScriptRunner.class.getResourceAsStream("/scripts/" + name)) {
      if (in == null) {
        throw new IOException("no script " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  public static void run(String name) throws IOException {
    List<String> lines = load(name);
    try (var client = Pop3Client.connect()) {
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        String where = name + ":" + (i + 1);
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("C: ")) {
          client.send(line.substring(3));
        } else if (line.equals("C:")) {
          client.send("");
        } else if (line.equals("S:")) {
          assertThat(client.readLine()).as(where).isEqualTo("");
        } else if (line.equals("S: <closed>")) {
          assertThat(client.readLine()).as(where + " expected the server to close").isNull();
        } else if (line.startsWith("S: ")) {
          assertThat(client.readLine()).as(where).isEqualTo(line.substring(3));
        } else if (line.startsWith("S~ ")) {
          assertThat(client.readLine()).as(where).matches(line.substring(3));
        } else if (line.equals("TLS")) {
          client.startTls();
        } else {
          throw new IllegalArgumentException(where + ": cannot read script line: " + line);
        }
      }
    }
  }
}
