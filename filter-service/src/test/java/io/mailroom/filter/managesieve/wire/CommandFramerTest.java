package io.mailroom.filter.managesieve.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
}
