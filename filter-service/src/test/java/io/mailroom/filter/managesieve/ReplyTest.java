package io.mailroom.filter.managesieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplyTest {
  private static String text(Reply reply) {
    return new String(reply.bytes(), StandardCharsets.UTF_8);
  }

  @Test
  void plainTextIsQuotedWithEscapes() {
    assertThat(text(Reply.no("NONEXISTENT", "no \"x\" here")))
        .isEqualTo("NO (NONEXISTENT) \"no \\\"x\\\" here\"\r\n");
  }

  @Test
  void aCrlfInClientTextCannotForgeAResponseLine() {
    // A reason echoing client input with CRLF goes out as a literal, never as a new line.
    var forged = "bad\r\nOK \"forged\"";
    assertThat(text(Reply.no(forged)))
        .isEqualTo("NO {" + forged.length() + "}\r\n" + forged + "\r\n");
  }

  @Test
  void byeCloses() {
    assertThat(Reply.bye("done").closes()).isTrue();
    assertThat(Reply.ok("fine").closes()).isFalse();
  }
}
