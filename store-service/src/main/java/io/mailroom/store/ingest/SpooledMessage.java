package io.mailroom.store.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A message written to a local temporary file in the stored form (CRLF line ends).
 *
 * @param size octets in the file (RFC822.SIZE)
 * @param sha256 lower-case hex digest of the file: the blob key
 * @param endsWithCrlf whether the last line is CRLF-terminated (true for an empty message); POP3
 *     adds a CRLF to one that is not, and its octet counts must say so
 */
public record SpooledMessage(Path file, long size, String sha256, boolean endsWithCrlf) {

  public void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
