package io.mailroom.filter.managesieve.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandFramerTest {
  private final List<Framed> out = new ArrayList<>();
  private final CommandFramer framer = new CommandFramer(64, 32, out::add);

  private static List<String> texts(Framed framed) {
    var texts = new ArrayList<String>();
    for (var argument : ((Framed.Command) framed).arguments()) {
      texts.add(
          argument instanceof Argument.Str s
              ? "s:" + s.text()
              : "a:" + ((Argument.Atom) argument).text());
    }
    return texts;
  }

  private void feedOneByteAtATime(String input) throws FramingException {
    for (var b : input.getBytes(StandardCharsets.UTF_8)) {
      framer.feed(new byte[] {b});
    }
  }

  @Test
  void quotedStringsLiteralsAndAtomsSplitAtEveryByte() throws Exception {
    feedOneByteAtATime("PUTSCRIPT \"a \\\"b\\\"\" {6+}\r\nkeep;\n\r\nHAVESPACE \"x\" 10\r\n");
    assertThat(out).hasSize(2);
    assertThat(texts(out.get(0))).containsExactly("a:PUTSCRIPT", "s:a \"b\"", "s:keep;\n");
    assertThat(texts(out.get(1))).containsExactly("a:HAVESPACE", "s:x", "a:10");
  }

  @Test
  void synchronizingLiteralIsAcceptedToo() throws Exception {
    framer.feed("CHECKSCRIPT {5}\r\nkeep;\r\n".getBytes(StandardCharsets.UTF_8));
    assertThat(texts(out.get(0))).containsExactly("a:CHECKSCRIPT", "s:keep;");
  }

  @Test
  void anOversizeLiteralIsSkippedAndRefusedAndTheNextCommandStillWorks() throws Exception {
    framer.feed(
        ("PUTSCRIPT \"x\" {40+}\r\n" + "y".repeat(40) + "\r\nNOOP\r\n")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(out.get(0)).isEqualTo(new Framed.TooLarge(32));
    assertThat(texts(out.get(1))).containsExactly("a:NOOP");
  }

  @Test
  void anOverlongLineIsRefusedAndTheNextCommandStillWorks() throws Exception {
    framer.feed(
        ("NOOP \"" + "z".repeat(100) + "\"\r\nLOGOUT\r\n").getBytes(StandardCharsets.UTF_8));
    assertThat(out.get(0)).isInstanceOf(Framed.Malformed.class);
    assertThat(texts(out.get(1))).containsExactly("a:LOGOUT");
  }

  @Test
  void unterminatedQuoteIsMalformed() throws Exception {
    framer.feed("GETSCRIPT \"abc\r\n".getBytes(StandardCharsets.UTF_8));
    assertThat(out).containsExactly(new Framed.Malformed("unterminated quoted string"));
  }

  @Test
  void anAbsurdLiteralLengthClosesTheConnection() {
    assertThatThrownBy(
            () ->
                framer.feed("PUTSCRIPT \"x\" {99999999999+}\r\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(FramingException.class);
  }

  @Test
  void aSplitCrlfDoesNotLoop() throws Exception {
    framer.feed("NOOP\r".getBytes(StandardCharsets.UTF_8));
    assertThat(out).isEmpty();
    framer.feed("\n".getBytes(StandardCharsets.UTF_8));
    assertThat(out).hasSize(1);
    assertThat(texts(out.get(0))).containsExactly("a:NOOP");
  }

  @Test
  void anOversizeLiteralFedOneByteAtATimeIsSkippedAndRefused() throws Exception {
    // 40 octets that would frame as commands if they were not skipped
    feedOneByteAtATime(
        "PUTSCRIPT \"x\" {40+}\r\n" + "NOOP\r\n".repeat(6) + "NOOP" + "\r\nNOOP\r\n");
    assertThat(out).hasSize(2);
    assertThat(out.get(0)).isEqualTo(new Framed.TooLarge(32));
    assertThat(texts(out.get(1))).containsExactly("a:NOOP");
  }

  @Test
  void framesTheSameWhenSplitInTwoAtEveryByte() throws Exception {
    var input =
        "PUTSCRIPT \"a \\\"b\\\"\" {6+}\r\nkeep;\n\r\nGETSCRIPT \"abc\r\nHAVESPACE \"x\" 10\r\n"
            .getBytes(StandardCharsets.UTF_8);
    for (int at = 0; at <= input.length; at++) {
      var framed = new ArrayList<Framed>();
      var split = new CommandFramer(64, 32, framed::add);
      split.feed(Arrays.copyOfRange(input, 0, at));
      split.feed(Arrays.copyOfRange(input, at, input.length));
      assertThat(framed).as("split at %d", at).hasSize(3);
      assertThat(texts(framed.get(0))).containsExactly("a:PUTSCRIPT", "s:a \"b\"", "s:keep;\n");
      assertThat(framed.get(1)).isEqualTo(new Framed.Malformed("unterminated quoted string"));
      assertThat(texts(framed.get(2))).containsExactly("a:HAVESPACE", "s:x", "a:10");
    }
  }

  @Test
  void aLiteralMustEndTheLineAndHaveADecimalLength() throws Exception {
    framer.feed(
        "PUTSCRIPT {3} \"x\"\r\nPUTSCRIPT \"x\" {abc}\r\nPUTSCRIPT \"x\" {-5}\r\nPUTSCRIPT \"x\" {+5}\r\nPUTSCRIPT \"x\" {5++}\r\n"
            .getBytes(StandardCharsets.UTF_8));
    assertThat(out)
        .containsExactly(
            new Framed.Malformed("a literal must end the line"),
            new Framed.Malformed("bad literal length"),
            new Framed.Malformed("bad literal length"),
            new Framed.Malformed("bad literal length"),
            new Framed.Malformed("bad literal length"));
  }

  @Test
  void braceInsideAnAtomOrAQuotedStringIsNoLiteral() throws Exception {
    framer.feed("NOOP abc{5}\r\nNOOP \"{5}\"\r\n".getBytes(StandardCharsets.UTF_8));
    assertThat(out).hasSize(2);
    assertThat(texts(out.get(0))).containsExactly("a:NOOP", "a:abc{5}");
    assertThat(texts(out.get(1))).containsExactly("a:NOOP", "s:{5}");
  }
}
