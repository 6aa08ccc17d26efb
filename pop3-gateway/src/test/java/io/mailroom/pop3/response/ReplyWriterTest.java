package io.mailroom.pop3.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplyWriterTest {
  private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
  private final List<Integer> writes = new ArrayList<>();
  private final long[] counted = new long[1];
  private final ReplyWriter writer =
      new ReplyWriter(
          bytes -> {
            writes.add(bytes.length);
            sent.writeBytes(bytes);
            return Uni.createFrom().voidItem();
          },
          n -> counted[0] += n);

  private String sent() {
    return sent.toString(StandardCharsets.ISO_8859_1);
  }

  private static Multi<byte[]> byteAtATime(String message) {
    byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
    var chunks = new ArrayList<byte[]>();
    for (byte b : bytes) {
      chunks.add(new byte[] {b});
    }
    return Multi.createFrom().iterable(chunks);
  }

  private static Reply.Stream stream(Multi<byte[]> body) {
    return stream(Reply.ok("8 octets"), body);
  }

  private static Reply.Stream stream(Reply.Status status, Multi<byte[]> body) {
    return new Reply.Stream(
        status,
        body,
        e -> Reply.err("message no longer exists"),
        () -> Uni.createFrom().voidItem());
  }

  @Test
  void statusLinesWithAndWithoutResponseCodes() {
    writer.write(Reply.ok("2 320")).await().indefinitely();
    writer.write(Reply.err(ResponseCode.IN_USE, "maildrop already locked")).await().indefinitely();
    assertThat(sent()).isEqualTo("+OK 2 320\r\n-ERR [IN-USE] maildrop already locked\r\n");
  }

  @Test
  void aCrLfInClientTextCannotForgeAResponseLine() {
    writer.write(Reply.err("no user x\r\n+OK fake")).await().indefinitely();
    assertThat(sent()).isEqualTo("-ERR no user x  +OK fake\r\n");
  }

  @Test
  void dotStuffsLinesBeginningWithADotAcrossOneByteChunks() {
    String message = "Subject: x\r\n\r\n.hidden\r\n..two\r\nend.\r\n.\r\n";
    writer.write(stream(byteAtATime(message))).await().indefinitely();
    assertThat(sent())
        .isEqualTo("+OK 8 octets\r\nSubject: x\r\n\r\n..hidden\r\n...two\r\nend.\r\n..\r\n.\r\n");
  }

  @Test
  void aMessageWithoutAFinalLineEndGetsTheCrlfItsOctetCountIncludes() {
    // the store lists these 4 octets as 6: the CRLF added before the terminator counts
    writer.write(stream(Reply.ok("6 octets"), byteAtATime("a\r\nb"))).await().indefinitely();
    assertThat(sent()).isEqualTo("+OK 6 octets\r\n" + "a\r\nb\r\n" + ".\r\n");
  }

  @Test
  void anEmptyMessageIsJustTheTerminator() {
    writer.write(stream(Multi.createFrom().empty())).await().indefinitely();
    assertThat(sent()).isEqualTo("+OK 8 octets\r\n.\r\n");
  }

  @Test
  void writesOneChunkAtATime() {
    writer.write(stream(byteAtATime("abc\r\n"))).await().indefinitely();
    // status line with the first byte, then one write per byte, then the terminator
    assertThat(writes).hasSize(6);
    assertThat(counted[0]).isEqualTo(sent.size());
  }

  @Test
  void aFailureBeforeTheFirstByteBecomesAnErr() {
    writer
        .write(stream(Multi.createFrom().failure(new IllegalStateException("gone"))))
        .await()
        .indefinitely();
    assertThat(sent()).isEqualTo("-ERR message no longer exists\r\n");
  }

  @Test
  void aFailureAfterTheFirstByteFailsTheWrite() {
    Multi<byte[]> broken =
        Multi.createBy()
            .concatenating()
            .streams(
                Multi.createFrom().item("abc".getBytes(StandardCharsets.US_ASCII)),
                Multi.createFrom().failure(new IllegalStateException("store went away")));
    assertThatThrownBy(() -> writer.write(stream(broken)).await().indefinitely())
        .hasMessageContaining("store went away");
    assertThat(sent()).isEqualTo("+OK 8 octets\r\nabc");
  }

  @Test
  void multiLineRepliesAreStuffedAndTerminated() {
    writer
        .write(new Reply.Lines(Reply.ok("capability list follows"), List.of("TOP", ".odd")))
        .await()
        .indefinitely();
    assertThat(sent()).isEqualTo("+OK capability list follows\r\nTOP\r\n..odd\r\n.\r\n");
  }

  @Test
  void continuationLine() {
    writer.write(new Reply.Continuation("")).await().indefinitely();
    assertThat(sent()).isEqualTo("+ \r\n");
    assertThat(new Reply.Status(true, Optional.empty(), "").ok()).isTrue();
  }
}
