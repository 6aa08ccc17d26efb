package io.mailroom.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;
import org.junit.jupiter.api.Test;

class CorpusTest {

  private static final int SAMPLE = 3000;

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() {
    Corpus one = new Corpus(42);
    Corpus again = new Corpus(42);
    Corpus other = new Corpus(43);
    for (int i = 0; i < 200; i++) {
      assertThat(again.message(i)).isEqualTo(one.message(i));
    }
    assertThat(other.message(7)).isNotEqualTo(one.message(7));
  }

  @Test
  void sizesLookLikeARealMailbox() {
    Corpus corpus = new Corpus(42);
    int[] sizes = new int[SAMPLE];
    int huge = 0;
    for (int i = 0; i < SAMPLE; i++) {
      sizes[i] = corpus.size(i);
      if (sizes[i] > 1024 * 1024) {
        huge++;
      }
    }
    Arrays.sort(sizes);
    int median = sizes[SAMPLE / 2];
    int p99 = sizes[SAMPLE * 99 / 100];
    assertThat(median).isBetween(2 * 1024, 4 * 1024);
    assertThat(p99).isBetween(100 * 1024, 400 * 1024);
    assertThat(huge).isEqualTo(SAMPLE / Corpus.HUGE_EVERY);
    assertThat(sizes[SAMPLE - 1]).isLessThanOrEqualTo(3 * 1024 * 1024 + 64 * 1024);
  }

  @Test
  void everyMessageIsRfc5322WithCrlfAndRecognisable() throws Exception {
    Corpus corpus = new Corpus(42);
    Set<String> ids = new HashSet<>();
    Set<String> mimeTypes = new HashSet<>();
    int encodedHeaders = 0;
    int dotLines = 0;
    for (int i = 0; i < 1000; i++) {
      byte[] bytes = corpus.message(i);
      assertCrlfOnly(i, bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      encodedHeaders += text.contains("=?UTF-8?B?") ? 1 : 0;
      dotLines += text.contains("\r\n.") ? 1 : 0;

      Message message = parse(bytes);
      assertThat(message.getSubject()).startsWith(Corpus.subjectTag(i) + " ");
      assertThat(message.getMessageId())
          .isEqualTo(corpus.messageId(i))
          .isEqualTo(
              text.lines()
                  .filter(l -> l.startsWith("Message-ID: "))
                  .findFirst()
                  .get()
                  .substring("Message-ID: ".length()));
      assertThat(ids.add(message.getMessageId())).isTrue();
      assertThat(message.getDate()).isNotNull();
      assertThat(message.getFrom()).extracting(Mailbox::getDomain).containsExactly("example.org");
      collectTypes(message, mimeTypes);
    }
    assertThat(mimeTypes)
        .contains(
            "text/plain",
            "text/html",
            "multipart/alternative",
            "multipart/mixed",
            "message/rfc822",
            "application/pdf",
            "image/png");
    assertThat(encodedHeaders).isGreaterThan(100);
    assertThat(dotLines).isGreaterThan(50);
  }

  @Test
  void aNonAsciiSubjectDecodesBack() throws Exception {
    Corpus corpus = new Corpus(42);
    long decoded =
        java.util.stream.IntStream.range(0, 200)
            .mapToObj(corpus::message)
            .map(CorpusTest::parseQuietly)
            .map(Message::getSubject)
            .filter(s -> s.chars().anyMatch(c -> c > 127))
            .count();
    assertThat(decoded).isGreaterThan(10);
  }

  private static void assertCrlfOnly(int index, byte[] bytes) {
    assertThat(bytes[bytes.length - 2])
        .as("message %d ends with CRLF", index)
        .isEqualTo((byte) '\r');
    assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '\n');
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        assertThat(i > 0 && bytes[i - 1] == '\r')
            .as("bare LF in message %d at %d", index, i)
            .isTrue();
      }
      if (bytes[i] == '\r') {
        assertThat(bytes[i + 1]).as("bare CR in message %d at %d", index, i).isEqualTo((byte) '\n');
      }
    }
  }

  private static Message parse(byte[] bytes) throws Exception {
    DefaultMessageBuilder builder = new DefaultMessageBuilder();
    // Strict: a malformed header line or an over-long line fails the parse instead of being
    // skipped.
    builder.setMimeEntityConfig(
        MimeConfig.custom()
            .setStrictParsing(true)
            .setMaxLineLen(1000)
            .setMaxHeaderLen(10000)
            .build());
    return builder.parseMessage(new ByteArrayInputStream(bytes));
  }

  private static Message parseQuietly(byte[] bytes) {
    try {
      return parse(bytes);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void collectTypes(Entity entity, Set<String> types) {
    types.add(entity.getMimeType());
    Body body = entity.getBody();
    if (body instanceof Multipart multipart) {
      assertThat(multipart.getBodyParts()).isNotEmpty();
      multipart.getBodyParts().forEach(part -> collectTypes(part, types));
    } else if (body instanceof Message nested) {
      assertThat(nested.getMessageId()).startsWith("<inner-");
      collectTypes(nested, types);
    }
  }
}
