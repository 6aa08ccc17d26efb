package io.mailroom.store.lmtp.response;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.delivery.RecipientOutcome;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every delivery outcome's reply, byte for byte: what MTAs (and Dovecot users) rely on. */
class RecipientReplyTest {

  private static String wire(RecipientOutcome outcome) {
    return RecipientReply.of(outcome).encode().toString(StandardCharsets.UTF_8);
  }

  @Test
  void eachOutcomeHasItsReply() {
    assertThat(wire(new RecipientOutcome.Delivered("bob@example.org", "M1f2e")))
        .isEqualTo("250 2.0.0 <M1f2e> delivered\r\n");
    assertThat(wire(new RecipientOutcome.NoSuchUser("nobody@example.org")))
        .isEqualTo("550 5.1.1 no such user here\r\n");
    assertThat(wire(new RecipientOutcome.OverQuota("bob@example.org")))
        .isEqualTo("552 5.2.2 <bob@example.org> Mailbox is full\r\n");
    assertThat(wire(new RecipientOutcome.TooBig("bob@example.org")))
        .isEqualTo("552 5.3.4 message too big\r\n");
    assertThat(wire(new RecipientOutcome.TemporaryFailure("bob@example.org")))
        .isEqualTo("451 4.3.0 temporary failure, try again\r\n");
  }

  @Test
  void overQuotaIsPermanentAndTemporaryFailureIsNot() {
    assertThat(RecipientReply.of(new RecipientOutcome.OverQuota("b")).code()).isEqualTo(552);
    assertThat(RecipientReply.of(new RecipientOutcome.TemporaryFailure("b")).code()).isEqualTo(451);
  }

  @Test
  void failuresOutsideAnOutcomeHaveTheirOwnReplies() {
    assertThat(RecipientReply.tooBig(10_000).encode().toString(StandardCharsets.UTF_8))
        .isEqualTo("552 5.3.4 message size exceeds fixed limit of 10000\r\n");
    assertThat(RecipientReply.failed().encode().toString(StandardCharsets.UTF_8))
        .isEqualTo("451 4.3.0 delivery failed, try again later\r\n");
  }

  @Test
  void aRecipientCannotForgeAReplyLine() {
    assertThat(wire(new RecipientOutcome.OverQuota("x\r\n250 2.0.0 ok")))
        .isEqualTo("552 5.2.2 <x  250 2.0.0 ok> Mailbox is full\r\n");
  }
}
