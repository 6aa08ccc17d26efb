package io.mailroom.store.lmtp.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyTest {

  private static String wire(Reply reply) {
    return reply.encode().toString(StandardCharsets.UTF_8);
  }

  @Test
  void multiLineRepliesUseHyphensUntilTheLastLine() {
    assertThat(wire(new Reply(250, List.of("host", "PIPELINING", "SIZE 10"))))
        .isEqualTo("250-host\r\n250-PIPELINING\r\n250 SIZE 10\r\n");
  }

  @Test
  void clientTextCannotForgeAReplyLine() {
    var reply = Reply.of(550, "5.1.1", "<x\r\n250 2.0.0 ok> no such user");

    assertThat(wire(reply)).isEqualTo("550 5.1.1 <x  250 2.0.0 ok> no such user\r\n");
  }
}
