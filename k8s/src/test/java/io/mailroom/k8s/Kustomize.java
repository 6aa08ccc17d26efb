package io.mailroom.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of Kustomize that k8s/ uses, for machines without {@code kubectl kustomize}: resources
 * (files and directories), {@code namespace}, {@code images}, {@code replicas}, and {@code patches}
 * given by {@code path} holding strategic-merge patches (maps merge; the lists Kubernetes merges by
 * key, merge by key; other lists are replaced; CRDs get JSON merge semantics, as Kustomize gives
 * them). Anything else in a kustomization.yaml is refused, so an overlay cannot silently use a
 * feature this renderer would ignore. {@link RendererTest} checks that it agrees with kubectl
 * wherever kubectl is present.
 */
final class Kustomize {
  private static final Set<String> SUPPORTED =
      Set.of("apiVersion", "kind", "resources", "namespace", "images", "replicas", "patches");

  /** Kinds without a namespace; everything else gets the kustomization's namespace. */
  private static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "Namespace",
          "ClusterRole",
          "ClusterRoleBinding",
          "CustomResourceDefinition",
          "PersistentVolume",
          "StorageClass",
          "PriorityClass",
          "IngressClass");

  /** Built-in list fields merged by key in a strategic-merge patch, with their merge key. */
  private static final Map<String, String> MERGE_KEYS =
      Map.of(
          "containers", "name",
          "initContainers", "name",
          "volumes", "name",
          "env", "name",
          "envFrom", "",
          "volumeMounts", "mountPath",
          "imagePullSecrets", "name");

  private Kustomize() {}

  static List<ObjectNode> build(Path dir) {
    Path file = dir.resolve("kustomization.yaml");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(dir + " has no kustomization.yaml");
    }
    ObjectNode k = Yaml.readOne(file);
    k.fieldNames()
        .forEachRemaining(
            f -> {
              if (!SUPPORTED.contains(f)) {
                throw new IllegalArgumentException(
                    file + ": '" + f + "' is not supported by the test's renderer; see Kustomize");
              }
            });
    List<ObjectNode> out = new ArrayList<>();
    for (JsonNode r : k.path("resources")) {
      Path p = dir.resolve(r.asText()).normalize();
      out.addAll(Files.isDirectory(p) ? build(p) : Yaml.readAll(p));
    }
    for (JsonNode p : k.path("patches")) {
      if (p.size() != 1 || !p.has("path")) {
        throw new IllegalArgumentException(
            file + ": only 'patches: - path: FILE' is supported by the test's renderer: " + p);
      }
      for (ObjectNode patch : Yaml.readAll(dir.resolve(p.get("path").asText()))) {
        ObjectNode target = find(out, patch, file);
        merge(target, patch, isBuiltIn(target));
      }
    }
    for (JsonNode r : k.path("replicas")) {
      String name = r.get("name").asText();
      long n =
          out.stream()
              .filter(d -> Set.of("Deployment", "StatefulSet", "ReplicaSet").contains(kind(d)))
              .filter(d -> name.equals(name(d)))
              .peek(d -> ((ObjectNode) d.get("spec")).put("replicas", r.get("count").asInt()))
              .count();
      if (n == 0) {
        throw new IllegalArgumentException(file + ": replicas for unknown workload " + name);
      }
    }
    for (JsonNode image : k.path("images")) {
      out.forEach(d -> setImages(d, image));
    }
    if (k.has("namespace")) {
      String ns = k.get("namespace").asText();
      for (ObjectNode d : out) {
        if (!CLUSTER_SCOPED.contains(kind(d))) {
          ((ObjectNode) d.get("metadata")).put("namespace", ns);
        }
      }
    }
    return out;
  }

  static String kind(JsonNode d) {
    return d.path("kind").asText();
  }

  static String name(JsonNode d) {
    return d.path("metadata").path("name").asText();
  }

  static boolean isBuiltIn(JsonNode d) {
    String apiVersion = d.path("apiVersion").asText();
    return !apiVersion.contains("/")
        || apiVersion.startsWith("apps/")
        || apiVersion.startsWith("batch/")
        || apiVersion.startsWith("autoscaling/")
        || apiVersion.startsWith("policy/")
        || apiVersion.contains(".k8s.io/");
  }

  private static ObjectNode find(List<ObjectNode> docs, ObjectNode patch, Path file) {
    List<ObjectNode> found =
        docs.stream()
            .filter(d -> kind(d).equals(kind(patch)) && name(d).equals(name(patch)))
            .filter(d -> group(d).equals(group(patch)))
            .toList();
    if (found.size() != 1) {
      throw new IllegalArgumentException(
          file
              + ": a patch must match exactly one resource; "
              + kind(patch)
              + "/"
              + name(patch)
              + " matches "
              + found.size());
    }
    return found.get(0);
  }

  private static String group(JsonNode d) {
    String v = d.path("apiVersion").asText();
    return v.contains("/") ? v.substring(0, v.indexOf('/')) : "";
  }

  static void merge(ObjectNode target, ObjectNode patch, boolean strategic) {
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      var e = fields.next();
      String key = e.getKey();
      JsonNode value = e.getValue();
      JsonNode existing = target.get(key);
      if (value.isNull()) {
        target.remove(key);
      } else if (value.isObject() && existing != null && existing.isObject()) {
        merge((ObjectNode) existing, (ObjectNode) value, strategic);
      } else if (strategic
          && value.isArray()
          && existing != null
          && existing.isArray()
          && mergeKey(key, (ArrayNode) value) != null) {
        mergeList((ArrayNode) existing, (ArrayNode) value, mergeKey(key, (ArrayNode) value));
      } else {
        target.set(key, value.deepCopy());
      }
    }
  }

  private static String mergeKey(String field, ArrayNode patchItems) {
    if (field.equals("ports")) {
      // Container ports merge by containerPort; Service ports by port.
      JsonNode first = patchItems.path(0);
      return first.has("containerPort") ? "containerPort" : "port";
    }
    String key = MERGE_KEYS.get(field);
    return key == null || key.isEmpty() ? null : key;
  }

  private static void mergeList(ArrayNode existing, ArrayNode patch, String key) {
    for (JsonNode item : patch) {
      ObjectNode match = null;
      for (JsonNode e : existing) {
        if (e.path(key).equals(item.path(key))) {
          match = (ObjectNode) e;
        }
      }
      if (match == null) {
        existing.add(item.deepCopy());
      } else {
        merge(match, (ObjectNode) item, true);
      }
    }
  }

  /** Kustomize's images transformer: every containers[].image / initContainers[].image. */
  private static void setImages(JsonNode node, JsonNode image) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> {
                if ((e.getKey().equals("containers") || e.getKey().equals("initContainers"))
                    && e.getValue().isArray()) {
                  for (JsonNode c : e.getValue()) {
                    retag((ObjectNode) c, image);
                  }
                }
                setImages(e.getValue(), image);
              });
    } else if (node.isArray()) {
      node.forEach(n -> setImages(n, image));
    }
  }

  private static void retag(ObjectNode container, JsonNode image) {
    String ref = container.path("image").asText();
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    String name = colon > slash ? ref.substring(0, colon) : ref;
    String tag = colon > slash ? ref.substring(colon + 1) : null;
    if (!name.equals(image.path("name").asText())) {
      return;
    }
    String newName = image.has("newName") ? image.get("newName").asText() : name;
    String newTag = image.has("newTag") ? image.get("newTag").asText() : tag;
    container.put("image", newTag == null ? newName : newName + ":" + newTag);
  }
}
