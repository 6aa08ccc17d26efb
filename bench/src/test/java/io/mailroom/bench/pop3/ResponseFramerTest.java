package io.mailroom.bench.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResponseFramerTest {

  private static final String MESSAGE =
      "Subject: bench 1\r\n\r\n.leading dot\r\n.\r\n..\r\nmid.dle\r\n.\r\r\nend\r\n";
  private static final String WIRE =
      "+OK 2 messages\r\n"
          + "+OK 61 octets\r\n"
          + "Subject: bench 1\r\n\r\n..leading dot\r\n..\r\n...\r\nmid.dle\r\n..\r\r\nend\r\n"
          + ".\r\n"
          + "-ERR no such message\r\n"
          + "+OK\r\n.\r\n";

  /** Records what it got; bodies are expected after the 2nd and 4th status lines. */
  private static final class Recorded implements ResponseFramer.Receiver {
    final List<String> events = new ArrayList<>();

    @Override
    public int statusLine(String line) {
      events.add("status " + line);
      return line.startsWith("+OK 61") || line.equals("+OK") ? 0 : -1;
    }

    @Override
    public void body(Buffer body) {
      events.add("body " + body.toString(StandardCharsets.ISO_8859_1));
    }
  }

  private static List<String> expected() {
    return List.of(
        "status +OK 2 messages",
        "status +OK 61 octets",
        "body " + MESSAGE,
        "status -ERR no such message",
        "status +OK",
        "body ");
  }

  @Test
  void wholeResponsesAreFramedAndUnstuffed() {
    Recorded recorded = new Recorded();
    new ResponseFramer(recorded).handle(Buffer.buffer(WIRE));
    assertThat(recorded.events).containsExactlyElementsOf(expected());
  }

  @Test
  void oneByteAtATimeGivesTheSame() {
    Recorded recorded = new Recorded();
    ResponseFramer framer = new ResponseFramer(recorded);
    for (byte b : WIRE.getBytes(StandardCharsets.ISO_8859_1)) {
      framer.handle(Buffer.buffer(new byte[] {b}));
    }
    assertThat(recorded.events).containsExactlyElementsOf(expected());
  }

  @Test
  void randomChunksGiveTheSame() {
    byte[] wire = WIRE.getBytes(StandardCharsets.ISO_8859_1);
    Random random = new Random(7);
    for (int run = 0; run < 200; run++) {
      Recorded recorded = new Recorded();
      ResponseFramer framer = new ResponseFramer(recorded);
      for (int i = 0; i < wire.length; ) {
        int n = Math.min(wire.length - i, 1 + random.nextInt(9));
        framer.handle(Buffer.buffer().appendBytes(wire, i, n));
        i += n;
      }
      assertThat(recorded.events).containsExactlyElementsOf(expected());
    }
  }
}
