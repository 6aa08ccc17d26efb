package io.mailroom.store.lmtp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LmtpFrameReaderTest {

  /** What a whole input framed to: the frames, and the body bytes each EndOfBody closed. */
  private record Framed(List<Frame> frames, List<String> bodies) {}

  /**
   * Feeds the input in the given chunk sizes (cycled), starting a body after each DATA line as the
   * session would, and collects everything the reader produced.
   */
  private static Framed frameWithLimit(String input, long maxBody, int... chunkSizes) {
    byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
    var reader = new LmtpFrameReader(512);
    var in = new InboundBytes();
    var frames = new ArrayList<Frame>();
    var bodies = new ArrayList<String>();
    var body = new ByteArrayOutputStream();
    int offset = 0;
    int chunk = 0;
    while (offset < bytes.length) {
      int size = Math.min(chunkSizes[chunk++ % chunkSizes.length], bytes.length - offset);
      in.add(Buffer.buffer().appendBytes(bytes, offset, size));
      offset += size;
      Frame frame;
      while ((frame = reader.advance(in)) != null) {
        frames.add(frame);
        if (frame instanceof Frame.CommandLine line && line.text().equals("DATA")) {
          body.reset();
          reader.startBody(maxBody, b -> body.writeBytes(b.getBytes()));
        } else if (frame instanceof Frame.EndOfBody) {
          bodies.add(body.toString(StandardCharsets.UTF_8));
        }
      }
    }
    return new Framed(frames, bodies);
  }

  private static Framed frame(String input, int... chunkSizes) {
    return frameWithLimit(input, Long.MAX_VALUE, chunkSizes);
  }

  private static Frame line(String text) {
    return new Frame.CommandLine(text);
  }

  @Test
  void commandLinesEndAtCrlfOrBareLf() {
    var framed = frame("LHLO a.example\r\nNOOP\nRSET\r\n", 1);

    assertThat(framed.frames()).containsExactly(line("LHLO a.example"), line("NOOP"), line("RSET"));
  }

  @Test
  void anIncompleteLineIsKeptUntilItsEnd() {
    var reader = new LmtpFrameReader(512);
    var in = new InboundBytes();

    in.add(Buffer.buffer("NO"));
    assertThat(reader.advance(in)).isNull();
    in.add(Buffer.buffer("OP\r"));
    assertThat(reader.advance(in)).isNull();
    in.add(Buffer.buffer("\nQUIT\r\n"));

    assertThat(reader.advance(in)).isEqualTo(line("NOOP"));
    assertThat(reader.advance(in)).isEqualTo(line("QUIT"));
    assertThat(reader.advance(in)).isNull();
  }

  @Test
  void aLineOverTheLimitIsDroppedAndReportedOnce() {
    String longLine = "RCPT TO:<" + "x".repeat(600) + "@example.org>\r\n";
    String exact = "N".repeat(512) + "\r\n";

    var framed = frame(longLine + exact + "NOOP\r\n", 7);

    assertThat(framed.frames())
        .containsExactly(new Frame.OverlongLine(), line("N".repeat(512)), line("NOOP"));
  }

  @Test
  void bodyIsDotUnstuffedAndEndsAtTheLoneDot() {
    String input =
        "DATA\r\n"
            + "Subject: dots\r\n"
            + "\r\n"
            + "..leading dot\r\n"
            + "...two\r\n"
            + ". \r\n"
            + "a.b\r\n"
            + ".\r\n"
            + "QUIT\r\n";

    var framed = frame(input, 1);

    assertThat(framed.bodies())
        .containsExactly("Subject: dots\r\n\r\n.leading dot\r\n..two\r\n \r\na.b\r\n");
    assertThat(framed.frames()).endsWith(line("QUIT"));
  }

  @Test
  void bareLfAndBareCrAreStoredAsCrlf() {
    var framed = frame("DATA\r\nSubject: lf\n\nline one\nline two\rline three\r\n.\n", 3);

    assertThat(framed.bodies())
        .containsExactly("Subject: lf\r\n\r\nline one\r\nline two\r\nline three\r\n");
  }

  @Test
  void anEmptyBodyIsAllowed() {
    var framed = frame("DATA\r\n.\r\nNOOP\r\n", 1);

    assertThat(framed.bodies()).containsExactly("");
    assertThat(framed.frames())
        .containsExactly(line("DATA"), new Frame.EndOfBody(0, false), line("NOOP"));
  }

  @Test
  void aDotFollowedByTextIsNotTheEnd() {
    var framed = frame("DATA\r\n.x\r\n.\rno end\r\n.\r\n", 1);

    assertThat(framed.bodies()).containsExactly("x\r\n\r\nno end\r\n");
  }

  @Test
  void oneByteAtATimeAndRandomChunksGiveTheSameResult() {
    var random = new Random(20261128);
    var message = new StringBuilder("DATA\r\n");
    for (int i = 0; i < 500; i++) {
      String ending = random.nextInt(5) == 0 ? "\n" : "\r\n";
      String start = random.nextInt(6) == 0 ? ".." : "";
      message.append(start).append("line ").append(i).append(" é ".repeat(i % 7)).append(ending);
    }
    message.append(".\r\nQUIT\r\n");
    String input = message.toString();

    Framed oneByte = frame(input, 1);
    for (int round = 0; round < 20; round++) {
      int[] chunks = random.ints(50, 1, 300).toArray();
      assertThat(frame(input, chunks)).isEqualTo(oneByte);
    }
    String body = oneByte.bodies().get(0);
    assertThat(body.split("\r\n", -1)).hasSize(501);
    assertThat(body).doesNotContain("\r\n..").doesNotContainPattern("[^\r]\n");
    assertThat(frame(input, input.length())).isEqualTo(oneByte);
  }

  @Test
  void anOversizeBodyIsReadToItsEndButNotPassedOn() {
    String body = "x".repeat(100) + "\r\n";
    String input = "DATA\r\n" + body.repeat(10) + ".\r\nNOOP\r\n";

    var framed = frameWithLimit(input, 50, 1);

    assertThat(framed.frames())
        .containsExactly(line("DATA"), new Frame.EndOfBody(1020, true), line("NOOP"));
    assertThat(framed.bodies().get(0)).hasSize(50);
  }

  @Test
  void aBodyExactlyAtTheLimitIsAccepted() {
    var framed = frameWithLimit("DATA\r\nabc\r\n.\r\n", 5, 2);

    assertThat(framed.frames()).contains(new Frame.EndOfBody(5, false));
    assertThat(framed.bodies()).containsExactly("abc\r\n");
  }

  @Test
  void aLargeBodyReachesTheSinkInBoundedChunks() {
    var reader = new LmtpFrameReader(512);
    var in = new InboundBytes();
    var chunkSizes = new ArrayList<Integer>();
    reader.startBody(Long.MAX_VALUE, b -> chunkSizes.add(b.length()));

    String line = "y".repeat(998) + "\r\n";
    in.add(Buffer.buffer(line.repeat(1000) + ".\r\n"));

    assertThat(reader.advance(in)).isEqualTo(new Frame.EndOfBody(1_000_000, false));
    assertThat(chunkSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(64 * 1024));
    assertThat(chunkSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_000_000);
  }
}
