package io.mailroom.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes and reads the result JSON of one target. */
public final class ResultWriter {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  private ResultWriter() {}

  /** Writes through a temporary file so a report never reads half a result. */
  public static void write(BenchResult result, Path out) throws IOException {
    Path dir = out.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), result);
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public static BenchResult read(Path in) throws IOException {
    return JSON.readValue(in.toFile(), BenchResult.class);
  }

  public static String toJson(Object value) throws IOException {
    return JSON.writeValueAsString(value);
  }
}
