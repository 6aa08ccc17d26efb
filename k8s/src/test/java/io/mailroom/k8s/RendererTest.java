package io.mailroom.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The test's own renderer and {@code kubectl kustomize} produce the same objects, so the validation
 * means the same on machines without kubectl. (List items merged by key may come out in another
 * order; that order means nothing to the API server.)
 */
@EnabledIf("io.mailroom.k8s.Renderer#kubectlOnPath")
class RendererTest {
  static final List<String> DIRS = Render.DIRS;

  @ParameterizedTest(name = "{0}")
  @FieldSource("DIRS")
  void builtinRendererAgreesWithKubectl(String dir) {
    Map<String, JsonNode> kubectl = byId(Renderer.KUBECTL.render(Render.k8sDir().resolve(dir)));
    Map<String, JsonNode> builtin = byId(Renderer.BUILTIN.render(Render.k8sDir().resolve(dir)));
    assertThat(builtin.keySet()).isEqualTo(kubectl.keySet());
    kubectl.forEach((id, k) -> assertThat(builtin.get(id)).as(id).isEqualTo(k));
  }

  private static Map<String, JsonNode> byId(List<ObjectNode> docs) {
    Map<String, JsonNode> m = new TreeMap<>();
    for (ObjectNode d : docs) {
      m.put(
          d.path("apiVersion").asText() + "/" + Kustomize.kind(d) + "/" + Kustomize.name(d),
          normalized(d));
    }
    return m;
  }

  /** Lists of named items sorted by name (or mountPath), recursively. */
  private static JsonNode normalized(JsonNode n) {
    if (n.isObject()) {
      ObjectNode copy = ((ObjectNode) n).objectNode();
      n.fields().forEachRemaining(e -> copy.set(e.getKey(), normalized(e.getValue())));
      return copy;
    }
    if (n.isArray()) {
      List<JsonNode> items = new ArrayList<>();
      n.forEach(i -> items.add(normalized(i)));
      String key = sortKey(items);
      if (key != null) {
        items.sort(Comparator.comparing(i -> i.path(key).asText()));
      }
      ArrayNode out = ((ArrayNode) n).arrayNode();
      items.forEach(out::add);
      return out;
    }
    return n;
  }

  private static String sortKey(List<JsonNode> items) {
    for (String key : List.of("name", "mountPath")) {
      if (!items.isEmpty() && items.stream().allMatch(i -> i.isObject() && i.has(key))) {
        return key;
      }
    }
    return null;
  }
}
