package io.mailroom.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The test messages under src/test/resources/mime/, CRLF-normalised as the store keeps them. */
final class Corpus {
  private Corpus() {}

  static byte[] bytes(String name) {
    try (InputStream in = Corpus.class.getResourceAsStream("/mime/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test message " + name);
      }
      return normalise(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] normalise(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CrlfNormalizer n = new CrlfNormalizer(out)) {
      n.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static ParsedMessage parse(byte[] message) {
    try {
      return new MessageParser().parse(new ByteArrayInputStream(message));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ParsedMessage parse(String name) {
    return parse(bytes(name));
  }
}
