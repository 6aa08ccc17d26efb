package io.mailroom.mime;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class CrlfNormalizerTest {
  private static final String MIXED = "a\nb\r\nc\rd\r\r\ne\n\nf\r";
  private static final String EXPECTED = "a\r\nb\r\nc\r\nd\r\n\r\ne\r\n\r\nf\r\n";

  @Test
  void everyLineEndingBecomesCrlf() throws IOException {
    assertThat(normalise(MIXED, Integer.MAX_VALUE)).isEqualTo(EXPECTED);
  }

  @Test
  void oneByteAtATimeGivesTheSameResult() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CrlfNormalizer n = new CrlfNormalizer(out)) {
      for (byte b : MIXED.getBytes(ISO_8859_1)) {
        n.write(b);
      }
    }
    assertThat(out.toString(ISO_8859_1)).isEqualTo(EXPECTED);
  }

  @Test
  void aCrAtTheEndOfOneWriteAndLfAtTheStartOfTheNextIsOneLineEnding() throws IOException {
    for (int chunk = 1; chunk <= MIXED.length(); chunk++) {
      assertThat(normalise(MIXED, chunk)).as("chunks of %d", chunk).isEqualTo(EXPECTED);
    }
  }

  @Test
  void flushDoesNotWriteAHeldCrTwice() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CrlfNormalizer n = new CrlfNormalizer(out)) {
      n.write("x\r".getBytes(ISO_8859_1));
      n.flush();
      assertThat(out.toString(ISO_8859_1)).isEqualTo("x");
      n.write("\ny".getBytes(ISO_8859_1));
    }
    assertThat(out.toString(ISO_8859_1)).isEqualTo("x\r\ny");
  }

  @Test
  void eightBitAndNulOctetsPassUnchanged() throws IOException {
    byte[] in = {(byte) 0xff, 0, (byte) 0x80, '\n'};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CrlfNormalizer n = new CrlfNormalizer(out)) {
      n.write(in);
    }
    assertThat(out.toByteArray()).containsExactly((byte) 0xff, 0, (byte) 0x80, '\r', '\n');
  }

  private static String normalise(String s, int chunk) throws IOException {
    byte[] in = s.getBytes(ISO_8859_1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CrlfNormalizer n = new CrlfNormalizer(out)) {
      for (int i = 0; i < in.length; i += chunk) {
        n.write(in, i, Math.min(chunk, in.length - i));
      }
    }
    return out.toString(ISO_8859_1);
  }
}
