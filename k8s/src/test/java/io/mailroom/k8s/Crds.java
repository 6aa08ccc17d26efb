package io.mailroom.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Custom resources (Strimzi, CloudNativePG) checked against an allow-list of field paths and types
 * per kind, {@code crd-fields.txt}, taken from the operators' CRD schemas. The schemas themselves
 * cannot be fetched on the build machines, so the subset Mailroom uses is embedded.
 */
final class Crds {
  /** "apiVersion/kind" → path → type. */
  private static final Map<String, Map<String, String>> FIELDS = load();

  private Crds() {}

  static boolean knows(JsonNode doc) {
    return FIELDS.containsKey(key(doc));
  }

  /** What is wrong with a custom resource document; empty when it fits its allow-list. */
  static List<String> check(ObjectNode doc) {
    String what = doc.path("kind").asText() + " " + Kustomize.name(doc);
    List<String> problems = new ArrayList<>();
    Map<String, String> fields = FIELDS.get(key(doc));
    if (fields == null) {
      problems.add(what + ": custom resource " + key(doc) + " is not in crd-fields.txt");
      return problems;
    }
    doc.fieldNames()
        .forEachRemaining(
            f -> {
              if (!List.of("apiVersion", "kind", "metadata", "spec").contains(f)) {
                problems.add(what + ": unknown top-level field " + f);
              }
            });
    try {
      ObjectMeta meta = Typed.convert(doc.path("metadata"), ObjectMeta.class, what);
      Typed.unknownFields(meta).forEach(f -> problems.add(what + ": unknown field metadata." + f));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    if (doc.has("spec")) {
      walk(doc.get("spec"), "spec", fields, what, problems);
    }
    return problems;
  }

  private static void walk(
      JsonNode node, String path, Map<String, String> fields, String what, List<String> out) {
    String type = fields.get(path);
    if (type == null) {
      out.add(what + ": " + path + " is not a field of its CRD (crd-fields.txt)");
      return;
    }
    String problem = typeProblem(node, type, what + ": " + path);
    if (problem != null) {
      out.add(problem);
      return;
    }
    if (node.isObject() && type.equals("object")) {
      node.fields()
          .forEachRemaining(e -> walk(e.getValue(), path + "." + e.getKey(), fields, what, out));
    } else if (node.isArray()) {
      node.forEach(item -> walk(item, path + "[]", fields, what, out));
    }
  }

  private static String typeProblem(JsonNode node, String type, String where) {
    boolean ok =
        switch (type) {
          case "object" -> node.isObject();
          case "array" -> node.isArray();
          case "string" -> node.isTextual();
          case "int" -> node.isIntegralNumber();
          case "bool" -> node.isBoolean();
          case "map" -> node.isObject();
          case "quantity" -> (node.isTextual() || node.isNumber()) && isQuantity(node.asText());
          default -> true;
        };
    if (!ok) {
      return where + ": expected " + type + ", found " + node;
    }
    if (type.startsWith("enum:")) {
      List<String> values = List.of(type.substring(5).split("\\|"));
      return node.isTextual() && values.contains(node.asText())
          ? null
          : where + ": expected one of " + values + ", found " + node;
    }
    if (type.startsWith("k8s:")) {
      try {
        Object typed = Typed.convert(node, Class.forName(type.substring(4)), where);
        List<String> unknown = Typed.unknownFields(typed);
        return unknown.isEmpty() ? null : where + ": unknown fields " + unknown;
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("crd-fields.txt names a missing class: " + type, e);
      } catch (IllegalArgumentException e) {
        return e.getMessage();
      }
    }
    return null;
  }

  private static boolean isQuantity(String s) {
    try {
      new Quantity(s).getNumericalAmount();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String key(JsonNode doc) {
    return doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
  }

  private static Map<String, Map<String, String>> load() {
    Map<String, Map<String, String>> fields = new HashMap<>();
    var in = Objects.requireNonNull(Crds.class.getResourceAsStream("/crd-fields.txt"));
    try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\\s+");
        if (f.length != 4) {
          throw new IllegalStateException("crd-fields.txt: bad line: " + line);
        }
        fields.computeIfAbsent(f[1] + "/" + f[0], k -> new HashMap<>()).put(f[2], f[3]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return fields;
  }
}
