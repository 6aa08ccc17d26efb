package io.mailroom.bench.lmtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DotStuffingTest {

  private static String encode(String message) {
    return DotStuffing.encode(message.getBytes(StandardCharsets.UTF_8)).toString();
  }

  @Test
  void aLineStartingWithADotGetsAnother() {
    assertThat(encode(".hidden\r\nx\r\n.\r\n..\r\n"))
        .isEqualTo("..hidden\r\nx\r\n..\r\n...\r\n.\r\n");
  }

  @Test
  void aDotInsideALineIsLeftAlone() {
    assertThat(encode("a.b\r\n")).isEqualTo("a.b\r\n.\r\n");
  }

  @Test
  void theLastLineIsTerminatedBeforeTheDot() {
    assertThat(encode("no newline")).isEqualTo("no newline\r\n.\r\n");
  }

  @Test
  void bareLineFeedsBecomeCrlf() {
    assertThat(encode("a\n.b\r\nc\n")).isEqualTo("a\r\n..b\r\nc\r\n.\r\n");
  }
}
