package io.mailroom.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads (multi-document) YAML into JSON trees, the form every check here works on. */
final class Yaml {
  static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

  private Yaml() {}

  static List<ObjectNode> readAll(Path file) {
    try {
      return readAll(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<ObjectNode> readAll(String text, String source) {
    List<ObjectNode> docs = new ArrayList<>();
    try (var parser = MAPPER.getFactory().createParser(text)) {
      var it = MAPPER.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc == null || doc.isNull() || doc.isMissingNode()) {
          continue; // an empty document, e.g. after a trailing ---
        }
        if (!doc.isObject()) {
          throw new IllegalArgumentException(source + ": a document is not a mapping: " + doc);
        }
        docs.add((ObjectNode) doc);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(source + ": " + e.getMessage(), e);
    }
    return docs;
  }

  static ObjectNode readOne(Path file) {
    List<ObjectNode> docs = readAll(file);
    if (docs.size() != 1) {
      throw new IllegalArgumentException(file + ": expected one document, found " + docs.size());
    }
    return docs.get(0);
  }
}
