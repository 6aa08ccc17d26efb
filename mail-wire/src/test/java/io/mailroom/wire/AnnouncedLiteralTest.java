package io.mailroom.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnnouncedLiteralTest {
  private static Optional<AnnouncedLiteral> of(String line) {
    return AnnouncedLiteral.endingLine(line.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void synchronizingAndNonSynchronizing() {
    assertThat(of("a LOGIN {12}")).contains(new AnnouncedLiteral(8, 12, false));
    assertThat(of("PUTSCRIPT \"x\" {6+}")).contains(new AnnouncedLiteral(14, 6, true));
    assertThat(of("{0}")).contains(new AnnouncedLiteral(0, 0, false));
  }

  @Test
  void onlyTheLastOctetsOfTheLineCount() {
    assertThat(of("a {12} b")).isEmpty();
    assertThat(of("a {12}\r")).isEmpty(); // the framer removes CRLF first
    assertThat(AnnouncedLiteral.endingLine(bytes("a {12}xyz"), 6))
        .contains(new AnnouncedLiteral(2, 12, false));
  }

  @Test
  void malformedAnnouncementsAnnounceNothing() {
    assertThat(of("a {}")).isEmpty();
    assertThat(of("a {+}")).isEmpty();
    assertThat(of("a {1x}")).isEmpty();
    assertThat(of("a {x1}")).isEmpty();
    assertThat(of("a {-5}")).isEmpty();
    assertThat(of("a {+5}")).isEmpty();
    assertThat(of("a {5++}")).isEmpty();
    assertThat(of("a { 5}")).isEmpty();
    assertThat(of("a 12}")).isEmpty();
    assertThat(of("}")).isEmpty();
    assertThat(of("")).isEmpty();
  }

  @Test
  void aSizeThatCouldOverflowIsNoAnnouncement() {
    assertThat(of("a {999999999999999999}"))
        .contains(new AnnouncedLiteral(2, 999999999999999999L, false));
    assertThat(of("a {1234567890123456789}")).isEmpty();
    assertThat(of("a {99999999999999999999+}")).isEmpty();
  }

  @Test
  void aLengthBeyondTheArrayAnnouncesNothing() {
    assertThat(AnnouncedLiteral.endingLine(bytes("{1}"), 4)).isEmpty();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
