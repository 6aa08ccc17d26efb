package io.mailroom.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A 50 MB message parses streaming: offsets exact, memory bounded. */
class LargeMessageTest {
  private static final long FIFTY_MB_LINES = 50L * 1024 * 1024 / GeneratedMessage.LINE;

  @Test
  void fiftyMegabyteAttachmentHasExactOffsets() throws IOException {
    GeneratedMessage generated = new GeneratedMessage(FIFTY_MB_LINES, false);
    ParsedMessage m = new MessageParser().parse(generated);
    assertOffsets(m, generated);
    assertThat(m.body())
        .endsWith(
            "(\"application\" \"octet-stream\" NIL NIL NIL \"base64\" "
                + (generated.attachmentBodyEnd() - generated.attachmentBodyStart())
                + ") \"mixed\")");
  }

  @Test
  void aFiftyMegabyteLineWithoutLineBreaksIsNoProblem() throws IOException {
    GeneratedMessage generated = new GeneratedMessage(FIFTY_MB_LINES, true);
    assertOffsets(new MessageParser().parse(generated), generated);
  }

  @Test
  void parsesWithinASmallHeap() throws Exception {
    // A separate JVM with a 32 MB heap: the test JVM's own heap is too large to prove anything.
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-Xmx32m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Probe.class.getName()))
            .redirectErrorStream(true)
            .start();
    boolean exited = process.waitFor(120, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!exited) {
      process.destroyForcibly();
    }
    assertThat(exited).as("probe finished").isTrue();
    GeneratedMessage expected = new GeneratedMessage(FIFTY_MB_LINES, false);
    assertThat(output.strip())
        .as("probe output")
        .isEqualTo("parsed " + expected.size() + " " + expected.attachmentBodyEnd());
    assertThat(process.exitValue()).isZero();
  }

  private static void assertOffsets(ParsedMessage m, GeneratedMessage generated) {
    assertThat(m.size()).isEqualTo(generated.size()).isGreaterThan(50L * 1000 * 1000);
    assertThat(m.parts()).extracting(PartOffsets::path).containsExactly("", "1", "2");
    PartOffsets attachment = m.parts().get(2);
    assertThat(attachment.bodyStart()).isEqualTo(generated.attachmentBodyStart());
    assertThat(attachment.bodyEnd()).isEqualTo(generated.attachmentBodyEnd());
    assertThat(m.parts().get(0).bodyEnd()).isEqualTo(generated.size());
    assertThat(m.searchableText()).isEqualTo("big\nsee attachment\r\n");
  }

  /** Run in the small-heap JVM. */
  public static final class Probe {
    public static void main(String[] args) throws IOException {
      GeneratedMessage generated = new GeneratedMessage(FIFTY_MB_LINES, false);
      ParsedMessage m = new MessageParser().parse(generated);
      System.out.println("parsed " + m.size() + " " + m.parts().get(2).bodyEnd());
    }
  }
}
