package io.mailroom.mime;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.mime.SectionLocator.Kind;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Sections cut from the stored octets, compared with what RFC 3501 6.4.5 says they hold. */
class SectionLocatorTest {
  private final byte[] nested = Corpus.bytes("nested-rfc822.eml");
  private final SectionLocator locator = new SectionLocator(Corpus.parse(nested).parts());

  @Test
  void wholeMessageHeaderAndText() {
    String all = new String(nested, ISO_8859_1);
    int blank = all.indexOf("\r\n\r\n") + 4;
    assertThat(cut(nested, locator, "", Kind.WHOLE)).isEqualTo(all);
    assertThat(cut(nested, locator, "", Kind.HEADER)).isEqualTo(all.substring(0, blank));
    assertThat(cut(nested, locator, "", Kind.HEADER)).endsWith(" bar\"\r\n\r\n");
    assertThat(cut(nested, locator, "", Kind.TEXT))
        .startsWith("Root MIME prologue\r\n")
        .endsWith("--foo bar--\r\nRoot MIME epilogue\r\n");
    assertThat(locator.locate("", Kind.MIME)).isEmpty();
  }

  @Test
  void aLeafPartAndItsMimeHeader() {
    assertThat(cut(nested, locator, "1", Kind.WHOLE)).isEqualTo("hello\r\n");
    assertThat(cut(nested, locator, "1", Kind.MIME))
        .isEqualTo(
            "Content-Type: text/x-myown; charset=us-ascii; foo=\"quoted\\\"string\"\r\n"
                + "Content-ID: <foo@example.com>\r\n"
                + "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\r\n"
                + "Content-Disposition: inline; foo=bar\r\n"
                + "Content-Description: hellodescription\r\n"
                + "Content-Language: en, fi, se\r\n"
                + "Content-Location: http://example.com/test.txt\r\n\r\n");
    assertThat(locator.locate("1", Kind.HEADER)).isEmpty();
    assertThat(locator.locate("1", Kind.TEXT)).isEmpty();
  }

  @Test
  void anEncapsulatedMessageHasHeaderTextAndParts() {
    assertThat(cut(nested, locator, "2", Kind.MIME))
        .isEqualTo("Content-Type: message/rfc822\r\n\r\n");
    assertThat(cut(nested, locator, "2", Kind.WHOLE))
        .startsWith("From: sub@domain.org\r\n")
        .endsWith("--sub1--\r\nSub MIME epilogue\r\n")
        .hasSize(412);
    assertThat(cut(nested, locator, "2", Kind.HEADER))
        .isEqualTo(
            "From: sub@domain.org\r\n"
                + "To: sub-to1@domain.org, sub-to2@domain.org\r\n"
                + "Date: Sun, 12 Aug 2012 12:34:56 +0300\r\n"
                + "Subject: submsg\r\n"
                + "Content-Type: multipart/alternative; boundary=\"sub1\"\r\n\r\n");
    assertThat(cut(nested, locator, "2", Kind.TEXT))
        .startsWith("Sub MIME prologue\r\n--sub1\r\n")
        .endsWith("Sub MIME epilogue\r\n");
    assertThat(cut(nested, locator, "2.1", Kind.WHOLE)).isEqualTo("<p>Hello world</p>\r\n");
    assertThat(cut(nested, locator, "2.2", Kind.WHOLE)).isEqualTo("Hello another world\r\n");
    assertThat(cut(nested, locator, "2.2", Kind.MIME))
        .isEqualTo("Content-Type: text/plain\r\nContent-Transfer-Encoding: ?invalid\r\n\r\n");
  }

  @Test
  void partsThatDoNotExistAreEmpty() {
    assertThat(locator.locate("3", Kind.WHOLE)).isEmpty();
    assertThat(locator.locate("2.3", Kind.WHOLE)).isEmpty();
    assertThat(locator.locate("1.1", Kind.WHOLE)).isEmpty();
    assertThat(locator.locate("0", Kind.WHOLE)).isEmpty();
  }

  @Test
  void partOneOfASinglePartMessageIsItsBody() {
    byte[] simple = Corpus.bytes("simple.eml");
    SectionLocator single = new SectionLocator(Corpus.parse(simple).parts());
    assertThat(cut(simple, single, "1", Kind.WHOLE))
        .isEqualTo("Hello Joe, do you think we can meet at 3:30 tomorrow?\r\n");
    assertThat(cut(simple, single, "1", Kind.WHOLE)).isEqualTo(cut(simple, single, "", Kind.TEXT));
    assertThat(single.locate("2", Kind.WHOLE)).isEmpty();
  }

  @Test
  void partOneOfAnEncapsulatedSinglePartMessageIsItsBody() {
    byte[] message =
        Corpus.normalise(
            ("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: message/rfc822\n\n"
                    + "Subject: inner\n\ninner body\n--b--\n")
                .getBytes(ISO_8859_1));
    SectionLocator l = new SectionLocator(Corpus.parse(message).parts());
    assertThat(cut(message, l, "1", Kind.HEADER)).isEqualTo("Subject: inner\r\n\r\n");
    assertThat(cut(message, l, "1", Kind.TEXT)).isEqualTo("inner body");
    assertThat(cut(message, l, "1.1", Kind.WHOLE)).isEqualTo("inner body");
    assertThat(cut(message, l, "1.1", Kind.MIME)).isEqualTo("Subject: inner\r\n\r\n");
  }

  @Test
  void aMultipartWhoseBoundaryNeverAppearsHasNoPartOne() {
    // BODYSTRUCTURE shows one empty text/plain part; BODY[1] must not be the whole body.
    byte[] wrong = Corpus.bytes("wrong-boundary.eml");
    SectionLocator l = new SectionLocator(Corpus.parse(wrong).parts());
    assertThat(l.locate("1", Kind.WHOLE)).isEmpty();
    assertThat(l.locate("1", Kind.MIME)).isEmpty();
    assertThat(cut(wrong, l, "", Kind.TEXT)).isNotEmpty();
  }

  @Test
  void aPartialKeepsAtMostCountOctetsFromItsOrigin() {
    SectionLocator.ByteRange part = new SectionLocator.ByteRange(100, 110);
    assertThat(part.partial(0, 4)).isEqualTo(new SectionLocator.ByteRange(100, 104));
    assertThat(part.partial(6, 100)).isEqualTo(new SectionLocator.ByteRange(106, 110));
    assertThat(part.partial(10, 5)).isEqualTo(new SectionLocator.ByteRange(110, 110));
    assertThat(part.partial(1000, 5)).isEqualTo(new SectionLocator.ByteRange(110, 110));
    assertThat(part.partial(3, 0)).isEqualTo(new SectionLocator.ByteRange(103, 103));
  }

  @Test
  void aPartialReadsItsNumbersAsUnsigned() {
    SectionLocator.ByteRange part = new SectionLocator.ByteRange(100, 110);
    assertThat(part.partial(-1, 5)).isEqualTo(new SectionLocator.ByteRange(110, 110));
    assertThat(part.partial(2, -1)).isEqualTo(new SectionLocator.ByteRange(102, 110));
  }

  @Test
  void aPartialOfALocatedSectionCutsItsOctets() {
    SectionLocator.ByteRange one = locator.locate("1", Kind.WHOLE).orElseThrow().partial(1, 3);
    assertThat(
            new String(Arrays.copyOfRange(nested, (int) one.start(), (int) one.end()), ISO_8859_1))
        .isEqualTo("ell");
  }

  @Test
  void headerFieldsLocateTheHeaderTheyFilter() {
    assertThat(locator.locate("2", Kind.HEADER_FIELDS)).isEqualTo(locator.locate("2", Kind.HEADER));
    assertThat(locator.locate("", Kind.HEADER_FIELDS_NOT))
        .isEqualTo(locator.locate("", Kind.HEADER));
  }

  static String cut(byte[] message, SectionLocator locator, String path, Kind kind) {
    SectionLocator.ByteRange r = locator.locate(path, kind).orElseThrow();
    return new String(Arrays.copyOfRange(message, (int) r.start(), (int) r.end()), ISO_8859_1);
  }
}
