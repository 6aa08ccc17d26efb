package io.mailroom.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** BODY and BODYSTRUCTURE strings, checked against RFC 3501's example and Dovecot's own test. */
class BodyStructureTest {

  @Test
  void theRfc3501ExampleMessage() {
    // RFC 3501 6.4.5 / 8: BODY ("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 3028 92)
    ParsedMessage m = Corpus.parse("rfc3501-example.eml");
    assertThat(m.body())
        .isEqualTo(
            """
            ("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 3028 92)""");
    assertThat(m.bodyStructure())
        .isEqualTo(
            """
            ("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 3028 92 NIL NIL NIL NIL)""");
    assertThat(m.envelope())
        .isEqualTo(
            """
            ("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)" "IMAP4rev1 WG mtg summary and minutes" \
            (("Terry Gray" NIL "gray" "cac.washington.edu")) \
            (("Terry Gray" NIL "gray" "cac.washington.edu")) \
            (("Terry Gray" NIL "gray" "cac.washington.edu")) \
            ((NIL NIL "imap" "cac.washington.edu")) \
            ((NIL NIL "minutes" "CNRI.Reston.VA.US")("John Klensin" NIL "KLENSIN" "MIT.EDU")) \
            NIL NIL "<B27397-0100000@cac.washington.edu>")""");
  }

  @Test
  void nestedMessageMatchesDovecotsBodystructureTest() {
    // The message and both strings of dovecot/core src/lib-imap/test-imap-bodystructure.c
    ParsedMessage m = Corpus.parse("nested-rfc822.eml");
    String subEnvelope =
        """
        ("Sun, 12 Aug 2012 12:34:56 +0300" "submsg" ((NIL NIL "sub" "domain.org")) \
        ((NIL NIL "sub" "domain.org")) ((NIL NIL "sub" "domain.org")) \
        ((NIL NIL "sub-to1" "domain.org")(NIL NIL "sub-to2" "domain.org")) NIL NIL NIL NIL)""";
    assertThat(m.bodyStructure())
        .isEqualTo(
            """
            (("text" "x-myown" ("charset" "us-ascii" "foo" "quoted\\"string") \
            "<foo@example.com>" "hellodescription" "7bit" 7 1 "Q2hlY2sgSW50ZWdyaXR5IQ==" \
            ("inline" ("foo" "bar")) ("en" "fi" "se") "http://example.com/test.txt")\
            ("message" "rfc822" NIL NIL NIL "7bit" 412 %s \
            (("text" "html" ("charset" "us-ascii") NIL NIL "8bit" 20 1 NIL NIL NIL NIL)\
            ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 21 1 NIL NIL NIL NIL) \
            "alternative" ("boundary" "sub1") NIL NIL NIL) 21 NIL NIL NIL NIL) \
            "mixed" ("boundary" "foo bar") NIL NIL NIL)"""
                .formatted(subEnvelope));
    assertThat(m.body())
        .isEqualTo(
            """
            (("text" "x-myown" ("charset" "us-ascii" "foo" "quoted\\"string") \
            "<foo@example.com>" "hellodescription" "7bit" 7 1)\
            ("message" "rfc822" NIL NIL NIL "7bit" 412 %s \
            (("text" "html" ("charset" "us-ascii") NIL NIL "8bit" 20 1)\
            ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 21 1) "alternative") 21) \
            "mixed")"""
                .formatted(subEnvelope));
  }

  @Test
  void alternativeWithQuotedPrintable() {
    ParsedMessage m = Corpus.parse("alternative.eml");
    assertThat(m.bodyStructure())
        .isEqualTo(
            """
            (("text" "plain" ("charset" "utf-8") NIL NIL "quoted-printable" 57 1 NIL NIL NIL NIL)\
            ("text" "html" ("charset" "utf-8") NIL NIL "quoted-printable" 32 0 NIL NIL NIL NIL) \
            "alternative" ("boundary" "b1") NIL NIL NIL)""");
    assertThat(m.searchableText())
        .contains("Lunch")
        .contains("Café at noon? Long line that is soft-broken here.")
        .doesNotContain("<b>");
  }

  @Test
  void mixedWithBase64AttachmentAndRfc2231Filename() {
    ParsedMessage m = Corpus.parse("mixed-attachment.eml");
    assertThat(m.bodyStructure())
        .isEqualTo(
            """
            (("text" "plain" ("charset" "iso-8859-1") NIL NIL "base64" 44 0 NIL NIL NIL NIL)\
            ("application" "pdf" ("name" "report.pdf") NIL NIL "base64" 74 NIL \
            ("attachment" ("filename*" "utf-8''r%C3%A9port.pdf")) NIL NIL) \
            "mixed" ("boundary" "==outer==") NIL NIL NIL)""");
    assertThat(m.body())
        .isEqualTo(
            """
            (("text" "plain" ("charset" "iso-8859-1") NIL NIL "base64" 44 0)\
            ("application" "pdf" ("name" "report.pdf") NIL NIL "base64" 74) "mixed")""");
    assertThat(m.searchableText()).contains("Here is the report, naïve café.");
    assertThat(m.searchableText()).doesNotContain("JVBERi0");
  }

  @Test
  void digestPartsDefaultToMessageRfc822() {
    ParsedMessage m = Corpus.parse("digest.eml");
    assertThat(m.bodyStructure())
        .isEqualTo(
            """
            (("message" "rfc822" NIL NIL NIL "7bit" 44 \
            (NIL "first" ((NIL NIL "one" "example.com")) ((NIL NIL "one" "example.com")) \
            ((NIL NIL "one" "example.com")) NIL NIL NIL NIL NIL) \
            ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 3 0 NIL NIL NIL NIL) 3 \
            NIL NIL NIL NIL)\
            ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 13 0 NIL NIL NIL NIL) \
            "digest" ("boundary" "d") NIL NIL NIL)""");
  }

  @Test
  void sizeIsTheOctetCountAndLinesCountLineEndings() {
    byte[] message = Corpus.bytes("simple.eml");
    ParsedMessage m = Corpus.parse(message);
    assertThat(m.size()).isEqualTo(message.length);
    assertThat(m.body())
        .isEqualTo(
            """
            ("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7bit" 55 1)""");
  }

  @Test
  void parameterCommentsUnquotedSpecialsAndContinuations() {
    byte[] message =
        Corpus.normalise(
            ("Content-Type: multipart/mixed; boundary=----=_Part_1 (a comment)\n\n"
                    + "------=_Part_1\n"
                    + "Content-Type: text/plain; charset=us-ascii (Plain text); format=flowed\n\n"
                    + "hi\n"
                    + "------=_Part_1\n"
                    + "Content-Type: application/octet-stream; name=my file.bin;\n"
                    + " title*0=\"a \"; title*1=b\n\n"
                    + "x\n"
                    + "------=_Part_1--\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThat(Corpus.parse(message).bodyStructure())
        .isEqualTo(
            """
            (("text" "plain" ("charset" "us-ascii" "format" "flowed") NIL NIL "7bit" 2 0 \
            NIL NIL NIL NIL)\
            ("application" "octet-stream" ("name" "my file.bin" "title" "a b") NIL NIL "7bit" 1 \
            NIL NIL NIL NIL) \
            "mixed" ("boundary" "----=_Part_1") NIL NIL NIL)""");
  }
}
