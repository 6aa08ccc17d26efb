package io.mailroom.imap.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
  /** Records what the decoder frames, as text. */
  static class Recorder implements FrameSink {
    final List<String> events = new ArrayList<>();
    final ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    LiteralDecision decision = LiteralDecision.BUFFER;
    int maxSlice;

    @Override
    public LiteralDecision literal(LiteralAnnouncement a) {
      events.add("literal " + a.size() + (a.nonSynchronizing() ? "+" : ""));
      return decision;
    }

    @Override
    public void literalData(byte[] slice) {
      maxSlice = Math.max(maxSlice, slice.length);
      streamed.writeBytes(slice);
    }

    @Override
    public void command(RawCommand command) {
      var sb = new StringBuilder();
      for (int i = 0; i < command.lines().size(); i++) {
        sb.append(new String(command.lines().get(i), StandardCharsets.UTF_8));
        if (i < command.literals().size()) {
          Literal l = command.literals().get(i);
          sb.append(
              l instanceof Literal.Inline in
                  ? "<" + new String(in.bytes(), StandardCharsets.UTF_8) + ">"
                  : "<streamed " + l.size() + ">");
        }
      }
      events.add(sb.toString());
    }

    @Override
    public void tooLong(String reason) {
      events.add("too long: " + reason);
    }
  }

  private static final FrameLimits LIMITS = new FrameLimits(200, 2000, 16);

  private static final String PIPELINE =
      "a1 NOOP\r\n"
          + "a2 LOGIN {4}\r\nuser {6+}\r\nse\r\ncr\r\n"
          + "a3 SELECT INBOX\n"
          + "a4 LOGIN \"x\" {0}\r\n\r\n";

  private static final List<String> EXPECTED =
      List.of(
          "a1 NOOP",
          "literal 4",
          "literal 6+",
          "a2 LOGIN {4}<user> {6+}<se\r\ncr>",
          "a3 SELECT INBOX",
          "literal 0",
          "a4 LOGIN \"x\" {0}<>");

  @Test
  void framesPipelinedCommandsWithLiteralsInOneRead() {
    var sink = new Recorder();
    new FrameDecoder(LIMITS, sink).feed(bytes(PIPELINE));
    assertThat(sink.events).isEqualTo(EXPECTED);
  }

  @Test
  void framesTheSameWhenFedOneByteAtATime() {
    var sink = new Recorder();
    var decoder = new FrameDecoder(LIMITS, sink);
    for (byte b : bytes(PIPELINE)) {
      decoder.feed(new byte[] {b});
    }
    assertThat(sink.events).isEqualTo(EXPECTED);
  }

  @Test
  void framesTheSameInRandomChunks() {
    byte[] all = bytes(PIPELINE);
    var random = new Random(42);
    for (int round = 0; round < 200; round++) {
      var sink = new Recorder();
      var decoder = new FrameDecoder(LIMITS, sink);
      int pos = 0;
      while (pos < all.length) {
        int n = Math.min(all.length - pos, 1 + random.nextInt(12));
        byte[] chunk = new byte[n];
        System.arraycopy(all, pos, chunk, 0, n);
        decoder.feed(chunk);
        pos += n;
      }
      assertThat(sink.events).as("round %d", round).isEqualTo(EXPECTED);
    }
  }

  @Test
  void streamsALargeLiteralInBoundedSlices() {
    var sink = new Recorder();
    sink.decision = LiteralDecision.STREAM;
    var decoder = new FrameDecoder(LIMITS, sink);
    String message = "x".repeat(100);
    decoder.feed(bytes("a APPEND INBOX {100}\r\n" + message + "\r\n"));
    assertThat(sink.streamed.toString(StandardCharsets.UTF_8)).isEqualTo(message);
    assertThat(sink.maxSlice).isLessThanOrEqualTo(16);
    assertThat(sink.events).containsExactly("literal 100", "a APPEND INBOX {100}<streamed 100>");
  }

  @Test
  void aRefusedSynchronizingLiteralStartsAFreshCommand() {
    var sink = new Recorder();
    sink.decision = LiteralDecision.REFUSE;
    var decoder = new FrameDecoder(LIMITS, sink);
    decoder.feed(bytes("a APPEND INBOX {99999}\r\nb NOOP\r\n"));
    assertThat(sink.events).containsExactly("literal 99999", "b NOOP");
  }

  @Test
  void aRefusedNonSynchronizingLiteralStopsTheDecoder() {
    var sink = new Recorder();
    sink.decision = LiteralDecision.REFUSE;
    var decoder = new FrameDecoder(LIMITS, sink);
    decoder.feed(bytes("a APPEND INBOX {99999+}\r\nb NOOP\r\n"));
    assertThat(sink.events).containsExactly("literal 99999+");
  }

  @Test
  void aLineOverTheLimitStopsWithAReason() {
    var sink = new Recorder();
    var decoder = new FrameDecoder(LIMITS, sink);
    decoder.feed(bytes("a NOOP " + "x".repeat(300)));
    decoder.feed(bytes("\r\nb NOOP\r\n"));
    assertThat(sink.events).containsExactly("too long: Line too long");
  }

  @Test
  void aCommandOverTheLimitStopsWithAReason() {
    var sink = new Recorder();
    var decoder = new FrameDecoder(new FrameLimits(100, 150, 16), sink);
    decoder.feed(bytes("a LOGIN {90}\r\n" + "u".repeat(90) + " {90}\r\n"));
    assertThat(sink.events).contains("too long: Command too long");
  }

  @Test
  void aSplitCrlfDoesNotLoop() {
    var sink = new Recorder();
    var decoder = new FrameDecoder(LIMITS, sink);
    decoder.feed(bytes("a NOOP\r"));
    decoder.feed(bytes("\n"));
    assertThat(sink.events).containsExactly("a NOOP");
  }

  @Test
  void pausingHoldsBackPipelinedCommandsUntilResumed() {
    var seen = new ArrayList<String>();
    var holder = new FrameDecoder[1];
    FrameSink sink =
        new Recorder() {
          @Override
          public void command(RawCommand command) {
            seen.add(command.firstLine());
            holder[0].pause();
          }
        };
    holder[0] = new FrameDecoder(LIMITS, sink);
    holder[0].feed(bytes("a NOOP\r\nb NOOP\r\nc NOOP\r\n"));
    assertThat(seen).containsExactly("a NOOP");
    assertThat(holder[0].hasBufferedInput()).isTrue();
    holder[0].resume();
    assertThat(seen).containsExactly("a NOOP", "b NOOP");
    holder[0].resume();
    holder[0].resume();
    assertThat(seen).containsExactly("a NOOP", "b NOOP", "c NOOP");
  }

  @Test
  void aSinkThatResumesFromInsideACommandSeesEachCommandOnce() {
    var seen = new ArrayList<String>();
    var holder = new FrameDecoder[1];
    FrameSink sink =
        new Recorder() {
          @Override
          public void command(RawCommand command) {
            seen.add(command.firstLine());
            holder[0].pause();
            holder[0].resume(); // the command completed synchronously
          }
        };
    holder[0] = new FrameDecoder(LIMITS, sink);
    holder[0].feed(bytes("a NOOP\r\nb NOOP\r\n"));
    assertThat(seen).containsExactly("a NOOP", "b NOOP");
  }

  @Test
  void aCommandKnowsWhetherMoreInputFollowsIt() {
    var followed = new ArrayList<Boolean>();
    var holder = new FrameDecoder[1];
    FrameSink sink =
        new Recorder() {
          @Override
          public void command(RawCommand command) {
            followed.add(holder[0].hasBufferedInput());
            holder[0].pause();
          }
        };
    holder[0] = new FrameDecoder(LIMITS, sink);
    holder[0].feed(bytes("a STARTTLS\r\n"));
    holder[0].resume();
    holder[0].feed(bytes("b STARTTLS\r\nc LOGIN x y\r\n"));
    assertThat(followed).containsExactly(false, true);
  }

  @Test
  void aMalformedAnnouncementIsAnOrdinaryLineForTheParserToRefuse() {
    var sink = new Recorder();
    var decoder = new FrameDecoder(LIMITS, sink);
    feedOneByteAtATime(
        decoder, "a {}\r\nb {+}\r\nc {1x}\r\nd 12}\r\ne {-5}\r\nf {1234567890123456789}\r\n");
    assertThat(sink.events)
        .containsExactly("a {}", "b {+}", "c {1x}", "d 12}", "e {-5}", "f {1234567890123456789}");
  }

  @Test
  void framesTheSameWhenSplitInTwoAtEveryByte() {
    byte[] all = bytes(PIPELINE);
    for (int at = 0; at <= all.length; at++) {
      var sink = new Recorder();
      var decoder = new FrameDecoder(LIMITS, sink);
      decoder.feed(Arrays.copyOfRange(all, 0, at));
      decoder.feed(Arrays.copyOfRange(all, at, all.length));
      assertThat(sink.events).as("split at %d", at).isEqualTo(EXPECTED);
    }
  }

  @Test
  void aLiteralOverTheLimitFedOneByteAtATimeIsRefusedBeforeItsBytes() {
    var sink = new Recorder();
    sink.decision = LiteralDecision.REFUSE;
    var decoder = new FrameDecoder(LIMITS, sink);
    feedOneByteAtATime(decoder, "a APPEND INBOX {99999}\r\nb NOOP\r\n");
    assertThat(sink.events).containsExactly("literal 99999", "b NOOP");
    assertThat(sink.streamed.size()).isZero();
  }

  @Test
  void aStreamedLiteralFedOneByteAtATimeArrivesWhole() {
    var sink = new Recorder();
    sink.decision = LiteralDecision.STREAM;
    var decoder = new FrameDecoder(LIMITS, sink);
    String message = "Subject: x\r\n\r\nbody {3}\r\n";
    feedOneByteAtATime(
        decoder, "a APPEND INBOX {" + message.length() + "+}\r\n" + message + "\r\nb NOOP\r\n");
    assertThat(sink.streamed.toString(StandardCharsets.UTF_8)).isEqualTo(message);
    assertThat(sink.events)
        .containsExactly(
            "literal " + message.length() + "+",
            "a APPEND INBOX {" + message.length() + "+}<streamed " + message.length() + ">",
            "b NOOP");
  }

  @Test
  void aLineOverTheLimitFedOneByteAtATimeStopsOnce() {
    var sink = new Recorder();
    var decoder = new FrameDecoder(LIMITS, sink);
    feedOneByteAtATime(decoder, "a NOOP " + "x".repeat(300) + "\r\nb NOOP\r\n");
    assertThat(sink.events).containsExactly("too long: Line too long");
  }

  private static void feedOneByteAtATime(FrameDecoder decoder, String input) {
    for (byte b : bytes(input)) {
      decoder.feed(new byte[] {b});
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
