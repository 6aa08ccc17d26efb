package io.mailroom.mime;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes every line ending (bare LF, bare CR, CRLF) as CRLF: the form the store keeps.
 *
 * <p>A CR that ends one {@code write} is held until the next byte shows whether it starts a CRLF,
 * so the result does not depend on how the input was split. {@link #flush()} keeps holding it (a LF
 * may still follow); {@link #close()} writes it out.
 */
public final class CrlfNormalizer extends FilterOutputStream {
  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte[] CRLF = {CR, LF};

  private boolean pendingCr;
  private boolean closed;

  public CrlfNormalizer(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int runStart = off;
    int end = off + len;
    for (int i = off; i < end; i++) {
      byte c = b[i];
      if (pendingCr) {
        pendingCr = false;
        out.write(CRLF);
        if (c == LF) {
          runStart = i + 1;
          continue;
        }
      }
      if (c == CR) {
        out.write(b, runStart, i - runStart);
        pendingCr = true;
        runStart = i + 1;
      } else if (c == LF) {
        out.write(b, runStart, i - runStart);
        out.write(CRLF);
        runStart = i + 1;
      }
    }
    out.write(b, runStart, end - runStart);
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (pendingCr) {
        pendingCr = false;
        out.write(CRLF);
      }
      out.flush();
    } finally {
      out.close();
    }
  }
}
