package io.mailroom.mime;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderFieldsTest {
  private static final byte[] HEADER =
      ("From: a@example.com\r\n"
              + "Subject: a long\r\n"
              + "\tfolded subject\r\n"
              + "X-Spam: no\r\n"
              + "subject: second\r\n"
              + "To: b@example.com\r\n"
              + "\r\n"
              + "Subject: this is the body, not a field\r\n")
          .getBytes(ISO_8859_1);

  @Test
  void fieldsKeepTheirContinuationLinesAndEndWithTheBlankLine() {
    assertThat(filter(List.of("SUBJECT", "to"), false))
        .isEqualTo(
            "Subject: a long\r\n\tfolded subject\r\nsubject: second\r\nTo: b@example.com\r\n\r\n");
  }

  @Test
  void notGivesEverythingElse() {
    assertThat(filter(List.of("Subject", "To"), true))
        .isEqualTo("From: a@example.com\r\nX-Spam: no\r\n\r\n");
  }

  @Test
  void noMatchGivesOnlyTheBlankLine() {
    assertThat(filter(List.of("Cc"), false)).isEqualTo("\r\n");
  }

  @Test
  void aHeaderWithoutBlankLineStillEndsWithOne() {
    byte[] header = "From: a@example.com\r\nTo: b@example.com".getBytes(ISO_8859_1);
    assertThat(new String(HeaderFields.filter(header, List.of("to"), false), ISO_8859_1))
        .isEqualTo("To: b@example.com\r\n\r\n");
  }

  @Test
  void worksOnTheHeaderTheLocatorCuts() {
    byte[] message = Corpus.bytes("simple.eml");
    SectionLocator.ByteRange header =
        SectionLocator.locate(Corpus.parse(message).parts(), "", SectionLocator.Kind.HEADER_FIELDS)
            .orElseThrow();
    byte[] block = java.util.Arrays.copyOfRange(message, (int) header.start(), (int) header.end());
    assertThat(
            new String(
                HeaderFields.filter(block, List.of("message-id", "date"), false), ISO_8859_1))
        .isEqualTo(
            "Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\n"
                + "Message-Id: <B27397-0100000@Blurdybloop.COM>\r\n\r\n");
  }

  @Test
  void streamsAHugeHeaderInBoundedMemory() throws java.io.IOException {
    // 20 MB of folded header: filtered octet by octet, never held.
    long lines = 20L * 1024 * 1024 / 20;
    java.io.InputStream huge =
        new java.io.SequenceInputStream(
            new java.io.ByteArrayInputStream("X-Big: start\r\n".getBytes(ISO_8859_1)),
            new java.io.SequenceInputStream(
                new RepeatedLine(" continuation line\r\n", lines),
                new java.io.ByteArrayInputStream(
                    "To: t@example.com\r\n\r\n".getBytes(ISO_8859_1))));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    HeaderFields.filter(huge, List.of("to"), false, out);
    assertThat(out.toString(ISO_8859_1)).isEqualTo("To: t@example.com\r\n\r\n");
  }

  @Test
  void longNamesAndBareLineEndsAreHandled() {
    byte[] header =
        ("N".repeat(5000) + ": v\r\nNo colon here\nTo: a\n b\n\nbody").getBytes(ISO_8859_1);
    assertThat(new String(HeaderFields.filter(header, List.of("to"), false), ISO_8859_1))
        .isEqualTo("To: a\r\n b\r\n\r\n");
    assertThat(new String(HeaderFields.filter(header, List.of("to"), true), ISO_8859_1))
        .isEqualTo("N".repeat(5000) + ": v\r\nNo colon here\r\n\r\n");
  }

  /** One line repeated, generated on the fly. */
  private static final class RepeatedLine extends java.io.InputStream {
    private final byte[] line;
    private final long total;
    private long pos;

    RepeatedLine(String line, long times) {
      this.line = line.getBytes(ISO_8859_1);
      this.total = this.line.length * times;
    }

    @Override
    public int read() {
      return pos < total ? line[(int) (pos++ % line.length)] : -1;
    }
  }

  private static String filter(List<String> names, boolean not) {
    return new String(HeaderFields.filter(HEADER, names, not), ISO_8859_1);
  }
}
