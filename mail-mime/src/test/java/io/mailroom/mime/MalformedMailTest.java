package io.mailroom.mime;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Malformed mail is stored anyway: a best-effort structure, never an exception. */
class MalformedMailTest {
  private static final List<String> CORPUS =
      List.of(
          "8bit-headers.eml",
          "alternative.eml",
          "bad-boundary.eml",
          "broken-encodings.eml",
          "digest.eml",
          "group.eml",
          "header-only.eml",
          "missing-headers.eml",
          "mixed-attachment.eml",
          "nested-rfc822.eml",
          "no-blank-line.eml",
          "no-boundary-param.eml",
          "no-trailing-crlf.eml",
          "rfc3501-example.eml",
          "simple.eml",
          "wrong-boundary.eml");

  @Test
  void unclosedInnerMultipartEndsAtTheOuterBoundary() {
    ParsedMessage m = Corpus.parse("bad-boundary.eml");
    assertThat(m.bodyStructure())
        .isEqualTo(
            """
            ((("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 23 0 NIL NIL NIL NIL) \
            "alternative" ("boundary" "inner") NIL NIL NIL)\
            ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 55 1 NIL NIL NIL NIL) \
            "mixed" ("boundary" "outer") NIL NIL NIL)""");
    assertThat(m.parts()).extracting(PartOffsets::path).containsExactly("", "1", "1.1", "2");
  }

  @Test
  void aBoundaryThatNeverAppearsGivesAnEmptyMultipart() {
    assertThat(Corpus.parse("wrong-boundary.eml").bodyStructure())
        .isEqualTo(
            """
            (("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0) \
            "mixed" ("boundary" "nothere") NIL NIL NIL)""");
  }

  @Test
  void multipartWithoutBoundaryIsReadAsText() {
    assertThat(Corpus.parse("no-boundary-param.eml").body())
        .isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 11 1)");
  }

  @Test
  void unknownCharsetTruncatedBase64AndEncodedMessage() {
    ParsedMessage m = Corpus.parse("broken-encodings.eml");
    assertThat(m.body())
        .isEqualTo(
            """
            (("text" "plain" ("charset" "x-no-such-charset") NIL NIL "7bit" 20 0)\
            ("text" "plain" ("charset" "utf-8") NIL NIL "base64" 29 0)\
            ("application" "octet-stream" NIL NIL NIL "base64" 20) "mixed")""");
    assertThat(m.searchableText()).contains("unknown charset text", "Hello truncated");
  }

  @Test
  void headerWithoutBlankLineOrTrailingCrlf() {
    ParsedMessage headerOnly = Corpus.parse("header-only.eml");
    assertThat(headerOnly.size()).isEqualTo(41);
    assertThat(headerOnly.body())
        .isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)");
    assertThat(headerOnly.subject()).isEqualTo("header only");

    ParsedMessage noBlank = Corpus.parse("no-blank-line.eml");
    assertThat(noBlank.body()).endsWith("\"7bit\" 51 2)");
    assertThat(noBlank.subject()).isEqualTo("the body starts without a blank line");

    ParsedMessage noCrlf = Corpus.parse("no-trailing-crlf.eml");
    assertThat(noCrlf.body()).endsWith("\"7bit\" 22 0)");
    assertThat(noCrlf.parts().get(0).bodyEnd()).isEqualTo(noCrlf.size());
  }

  @Test
  void aHundredKilobyteHeaderLineIsCutNotFatal() {
    String subject = "x".repeat(100 * 1024);
    byte[] message =
        ("From: a@b.c\r\nSubject: " + subject + "\r\nTo: d@e.f\r\n\r\nbody\r\n")
            .getBytes(ISO_8859_1);
    ParsedMessage m = Corpus.parse(message);
    assertThat(m.size()).isEqualTo(message.length);
    assertThat(m.subject()).hasSizeLessThan(subject.length()).startsWith("xxxxxxxx");
    assertThat(m.envelope()).endsWith("((NIL NIL \"d\" \"e.f\")) NIL NIL NIL NIL)");
    assertThat(m.body()).endsWith("\"7bit\" 6 1)");
  }

  @Test
  void deepNestingAndManyPartsAreBounded() {
    StringBuilder deep = new StringBuilder("Subject: deep\r\n");
    for (int i = 0; i < 200; i++) {
      // "=_1_=" is no prefix of "=_10_=": boundaries are matched as prefixes, as Dovecot does
      deep.append("Content-Type: multipart/mixed; boundary=\"=_").append(i).append("_=\"\r\n\r\n");
      deep.append("--=_").append(i).append("_=\r\n");
    }
    deep.append("Content-Type: text/plain\r\n\r\ndeepest\r\n");
    ParsedMessage d = Corpus.parse(deep.toString().getBytes(ISO_8859_1));
    assertThat(d.parts()).hasSizeLessThanOrEqualTo(StructureScanner.MAX_DEPTH + 2);

    StringBuilder many = new StringBuilder("Content-Type: multipart/mixed; boundary=m\r\n\r\n");
    for (int i = 0; i < 3000; i++) {
      many.append("--m\r\nContent-Type: text/plain\r\n\r\npart ").append(i).append("\r\n");
    }
    many.append("--m--\r\n");
    byte[] manyBytes = many.toString().getBytes(ISO_8859_1);
    ParsedMessage m = Corpus.parse(manyBytes);
    assertThat(m.parts()).hasSize(StructureScanner.MAX_PARTS + 1);
    assertThat(m.size()).isEqualTo(manyBytes.length);
  }

  @Test
  void everyTruncationAndRandomDamageOfTheCorpusStillParses() {
    Random random = new Random(3501);
    for (String name : CORPUS) {
      byte[] message = Corpus.bytes(name);
      for (int cut = 0; cut <= message.length; cut += 7) {
        assertConsistent(Arrays.copyOf(message, cut));
      }
      for (int round = 0; round < 50; round++) {
        byte[] damaged = message.clone();
        for (int k = 0; k < 10; k++) {
          damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
        }
        assertConsistent(damaged);
      }
    }
    byte[] noise = new byte[64 * 1024];
    random.nextBytes(noise);
    assertConsistent(noise);
  }

  private static void assertConsistent(byte[] message) {
    ParsedMessage m = Corpus.parse(message);
    assertThat(m.size()).isEqualTo(message.length);
    assertThat(m.envelope()).startsWith("(").endsWith(")");
    assertThat(m.bodyStructure()).startsWith("(").endsWith(")");
    assertThat(m.parts().get(0).path()).isEmpty();
    for (PartOffsets p : m.parts()) {
      assertThat(p.headerStart()).isBetween(0L, p.bodyStart());
      assertThat(p.bodyStart()).isLessThanOrEqualTo(p.bodyEnd());
      assertThat(p.bodyEnd()).isLessThanOrEqualTo(message.length);
      if (p.messageHeaderEnd() >= 0) {
        assertThat(p.messageHeaderEnd()).isBetween(p.bodyStart(), p.bodyEnd());
      }
    }
  }
}
