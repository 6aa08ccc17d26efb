package io.mailroom.store.ingest;

import io.mailroom.mime.CrlfNormalizer;
import io.mailroom.store.StoreFailure;
import io.mailroom.store.StoreFailure.Reason;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Receives a message in pieces and writes it to a temporary file, CRLF-normalised and hashed on the
 * way, so that nothing holds the whole message in memory. Blocking: use from a worker thread.
 * Refuses more than {@code limit} raw octets (TOOBIG).
 */
public final class MessageSpool implements AutoCloseable {
  private final long limit;
  private final Path file;
  private final MessageDigest digest;
  private final CountingStream counter;
  private final OutputStream out;
  private long received;
  private boolean finished;

  public MessageSpool(long limit) {
    this.limit = limit;
    try {
      this.file = Files.createTempFile("mailroom-spool-", ".eml");
      this.digest = MessageDigest.getInstance("SHA-256");
      this.counter =
          new CountingStream(
              new DigestOutputStream(
                  new BufferedOutputStream(Files.newOutputStream(file), 65536), digest));
      this.out = new CrlfNormalizer(counter);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public void write(byte[] data) {
    write(data, 0, data.length);
  }

  public void write(byte[] data, int offset, int length) {
    received += length;
    if (received > limit) {
      throw new StoreFailure(Reason.TOOBIG, "message larger than " + limit + " octets");
    }
    try {
      out.write(data, offset, length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a whole stream in (admin REST, LMTP spool files). */
  public void writeAll(InputStream in) throws IOException {
    byte[] buffer = new byte[65536];
    int n;
    while ((n = in.read(buffer)) > 0) {
      write(buffer, 0, n);
    }
  }

  /** Raw octets received so far (before normalisation). */
  public long received() {
    return received;
  }

  public SpooledMessage finish() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    finished = true;
    return new SpooledMessage(
        file, counter.count, HexFormat.of().formatHex(digest.digest()), counter.endsWithLf());
  }

  /** Discards the file unless {@link #finish()} handed it on. */
  @Override
  public void close() {
    if (!finished) {
      try {
        out.close();
      } catch (IOException ignored) {
        // the file goes anyway
      }
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // temp dir cleanup will take it
      }
    }
  }

  /** Counts the normalised octets and keeps the last one. */
  private static final class CountingStream extends java.io.FilterOutputStream {
    long count;
    private int last = -1;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
      last = b & 0xff;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
      if (len > 0) {
        last = b[off + len - 1];
      }
    }

    /**
     * After normalisation every LF is part of a CRLF, so a last LF means a last CRLF. An empty
     * message counts as ended: it has no line to end.
     */
    boolean endsWithLf() {
      return count == 0 || last == '\n';
    }
  }
}
