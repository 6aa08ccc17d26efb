package io.mailroom.pop3.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TopLinesTest {
  private static String cut(String body, int lines) {
    var limit = new TopLines(lines);
    var out = new ByteArrayOutputStream();
    for (byte b : body.getBytes(StandardCharsets.US_ASCII)) {
      if (limit.reached()) {
        break;
      }
      out.writeBytes(limit.take(new byte[] {b}));
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  @Test
  void keepsTheFirstLinesWithTheirLineEnds() {
    assertThat(cut("one\r\ntwo\r\nthree\r\n", 2)).isEqualTo("one\r\ntwo\r\n");
  }

  @Test
  void aBodyShorterThanAskedIsSentWhole() {
    assertThat(cut("one\r\n", 5)).isEqualTo("one\r\n");
  }

  @Test
  void cutsInsideAChunk() {
    var limit = new TopLines(1);
    byte[] out = limit.take("a\r\nb\r\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo("a\r\n");
    assertThat(limit.reached()).isTrue();
  }
}
