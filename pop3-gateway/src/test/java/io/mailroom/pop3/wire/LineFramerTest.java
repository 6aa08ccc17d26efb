package io.mailroom.pop3.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineFramerTest {
  private static List<Frame> byteAtATime(LineFramer framer, String input) {
    var frames = new ArrayList<Frame>();
    for (byte b : input.getBytes(StandardCharsets.ISO_8859_1)) {
      frames.addAll(framer.feed(new byte[] {b}));
    }
    return frames;
  }

  @Test
  void splitsPipelinedCommandsFedOneByteAtATime() {
    var frames = byteAtATime(new LineFramer(64), "USER alice\r\nPASS s3cret\r\nSTAT\r\n");
    assertThat(frames)
        .containsExactly(
            new Frame.Line("USER alice"), new Frame.Line("PASS s3cret"), new Frame.Line("STAT"));
  }

  @Test
  void crAndLfInSeparateReadsMakeOneLineEnd() {
    var framer = new LineFramer(64);
    assertThat(framer.feed("NOOP\r".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(framer.feed("\n".getBytes(StandardCharsets.US_ASCII)))
        .containsExactly(new Frame.Line("NOOP"));
  }

  @Test
  void acceptsABareLf() {
    assertThat(byteAtATime(new LineFramer(64), "QUIT\n")).containsExactly(new Frame.Line("QUIT"));
  }

  @Test
  void aLineOfExactlyTheMaximumPasses() {
    String line = "X".repeat(16);
    assertThat(byteAtATime(new LineFramer(16), line + "\r\n"))
        .containsExactly(new Frame.Line(line));
  }

  @Test
  void aLineOverTheMaximumIsReportedOnceAndNothingAfterIt() {
    var frames = byteAtATime(new LineFramer(16), "X".repeat(40) + "\r\nQUIT\r\n");
    assertThat(frames).containsExactly(new Frame.TooLong(16));
  }

  @Test
  void oneOctetOverTheMaximumBeforeTheLineEndIsTooLong() {
    assertThat(byteAtATime(new LineFramer(16), "X".repeat(17) + "\n"))
        .containsExactly(new Frame.TooLong(16));
  }

  @Test
  void resetForgetsAPartialLine() {
    var framer = new LineFramer(64);
    framer.feed("DELE 1".getBytes(StandardCharsets.US_ASCII));
    framer.reset();
    assertThat(framer.feed("NOOP\r\n".getBytes(StandardCharsets.US_ASCII)))
        .containsExactly(new Frame.Line("NOOP"));
  }
}
