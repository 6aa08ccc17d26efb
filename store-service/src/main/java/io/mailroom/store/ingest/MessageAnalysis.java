package io.mailroom.store.ingest;

import io.mailroom.mime.MessageParser;
import io.mailroom.mime.ParsedMessage;
import io.mailroom.mime.PartOffsets;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Parses a spooled message once. Parsing never stops delivery: when the parser fails, the message
 * is stored with a minimal structure (a single text/plain part) and is still fetchable whole.
 */
public final class MessageAnalysis {
  private static final Logger LOG = Logger.getLogger(MessageAnalysis.class);
  private static final int SCAN_LIMIT = 1 << 20;

  /**
   * @param headerText the message's header block (bounded), for HEADER search
   */
  public record Analysed(ParsedMessage parsed, String headerText) {}

  private MessageAnalysis() {}

  /** Blocking: call on a worker thread. */
  public static Analysed analyse(SpooledMessage spooled, int maxHeaderText) {
    ParsedMessage parsed;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(spooled.file()), 65536)) {
      parsed = new MessageParser().parse(in);
      if (parsed == null || parsed.parts() == null || parsed.parts().isEmpty()) {
        parsed = minimal(spooled);
      }
    } catch (Exception | StackOverflowError e) {
      LOG.debugf("parser failed (%s); storing a minimal structure", e.toString());
      parsed = minimal(spooled);
    }
    long headerEnd = parsed.parts().get(0).bodyStart();
    return new Analysed(parsed, readHeader(spooled, (int) Math.min(headerEnd, maxHeaderText)));
  }

  static ParsedMessage minimal(SpooledMessage spooled) {
    long bodyStart = headerEnd(spooled);
    long size = spooled.size();
    long lines = 0;
    String structure =
        "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" "
            + (size - bodyStart)
            + " "
            + lines
            + ")";
    return new ParsedMessage(
        size,
        "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
        structure,
        structure,
        List.of(new PartOffsets("", 0, bodyStart, size, -1)),
        null,
        "",
        "",
        "",
        "",
        "",
        "",
        "");
  }

  /** Offset after the blank line ending the header, or the size when there is none. */
  static long headerEnd(SpooledMessage spooled) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(spooled.file()))) {
      int state = 0;
      long pos = 0;
      int b;
      while (pos < SCAN_LIMIT && (b = in.read()) >= 0) {
        pos++;
        if (pos == 2 && state == 1 && b == '\n') {
          return 2; // empty header: the message starts with CRLF
        }
        state =
            switch (state) {
              case 0 -> b == '\r' ? 1 : 0;
              case 1 -> b == '\n' ? 2 : b == '\r' ? 1 : 0;
              case 2 -> b == '\r' ? 3 : 0;
              case 3 -> b == '\n' ? 4 : b == '\r' ? 1 : 0;
              default -> 0;
            };
        if (state == 4) {
          return pos;
        }
      }
      return spooled.size();
    } catch (IOException e) {
      return spooled.size();
    }
  }

  private static String readHeader(SpooledMessage spooled, int length) {
    try (InputStream in = Files.newInputStream(spooled.file())) {
      return new String(in.readNBytes(Math.max(0, length)), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
