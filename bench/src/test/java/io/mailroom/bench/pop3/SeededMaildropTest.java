package io.mailroom.bench.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.bench.Account;
import io.mailroom.bench.BenchContext;
import io.mailroom.bench.BenchOptions;
import io.mailroom.bench.Corpus;
import io.mailroom.bench.ProcessMeter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SeededMaildropTest {

  private final Vertx vertx = Vertx.vertx();
  private final SeededMaildrop maildrop = new SeededMaildrop(context(), 10, 5);

  @AfterEach
  void close() {
    vertx.close();
  }

  private BenchContext context() {
    try {
      BenchOptions options =
          BenchOptions.parse(List.of("--accounts", "/dev/null", "--out", "/tmp/x.json"));
      return new BenchContext(
          vertx, options, List.<Account>of(), new Corpus(42), new ProcessMeter(Map.of()));
    } catch (BenchOptions.BadArguments e) {
      throw new AssertionError(e);
    }
  }

  /** What a POP3 server returns: the corpus message behind the delivery's trace headers. */
  private static Buffer delivered(int index) {
    return Buffer.buffer("Return-Path: <bench@bench.mailroom.test>\r\nDelivered-To: u@x\r\n")
        .appendBytes(new Corpus(42).message(index));
  }

  @Test
  void aDeliveredMessageIsRecognisedAndIntact() {
    Buffer retrieved = delivered(12);
    assertThat(maildrop.identify(retrieved)).hasValue(12);
    assertThat(maildrop.intact(retrieved, 12)).isTrue();
  }

  @Test
  void aChangedByteOrAnotherMessageIsCaught() {
    Buffer retrieved = delivered(12);
    retrieved.setByte(retrieved.length() - 3, (byte) 'X');
    assertThat(maildrop.intact(retrieved, 12)).isFalse();
    assertThat(maildrop.intact(delivered(13), 12)).isFalse();
  }

  @Test
  void aMessageThatWasNotSeededIsNotIdentified() {
    assertThat(maildrop.identify(delivered(20))).isEmpty();
    assertThat(maildrop.identify(Buffer.buffer("Subject: x\r\n\r\nbody\r\n"))).isEmpty();
  }
}
