package io.mailroom.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Built-in kinds as typed fabric8 kubernetes-model objects (7.5.2, from the Quarkus BOM). A value
 * of the wrong type fails the conversion; a field the API does not define would land in a model
 * object's {@code additionalProperties}, so {@link #unknownFields} walks the whole object graph and
 * reports every such field with its path.
 */
final class Typed {
  /** apiVersion/kind → model class. A built-in kind missing here is an error, not a skip. */
  static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of(
          "v1/Namespace", Namespace.class,
          "v1/ConfigMap", ConfigMap.class,
          "v1/Secret", Secret.class,
          "v1/Service", Service.class,
          "apps/v1/Deployment", Deployment.class,
          "apps/v1/StatefulSet", StatefulSet.class,
          "batch/v1/Job", Job.class,
          "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
          "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
          "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

  /** Strict like the API server: no "2" for 2, no "true" for true. */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .build();

  private Typed() {}

  /** The typed object of a built-in kind; empty for a custom resource (see {@link Crds}). */
  static Optional<HasMetadata> of(ObjectNode doc) {
    if (!Kustomize.isBuiltIn(doc)) {
      return Optional.empty();
    }
    String key = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
    Class<? extends HasMetadata> type = KINDS.get(key);
    if (type == null) {
      throw new IllegalArgumentException(
          "no typed model registered for " + key + " (" + Kustomize.name(doc) + "): add it");
    }
    return Optional.of(convert(doc, type, key + " " + Kustomize.name(doc)));
  }

  static <T> T convert(JsonNode node, Class<T> type, String what) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          what
              + ": not a valid "
              + type.getSimpleName()
              + ": "
              + e.getMessage().lines().findFirst().orElse(""),
          e);
    }
  }

  /** Every field the model did not know, as "path: name", for the whole object graph. */
  static List<String> unknownFields(Object root) {
    List<String> found = new ArrayList<>();
    walk(root, "", found);
    return found;
  }

  private static void walk(Object o, String path, List<String> found) {
    if (o == null
        || o instanceof String
        || o instanceof Number
        || o instanceof Boolean
        || o instanceof Enum<?>) {
      return;
    }
    if (o instanceof Map<?, ?> m) {
      m.forEach((k, v) -> walk(v, path + "." + k, found));
      return;
    }
    if (o instanceof Collection<?> c) {
      int i = 0;
      for (Object item : c) {
        walk(item, path + "[" + i++ + "]", found);
      }
      return;
    }
    if (!o.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    if (o instanceof Quantity q) {
      try {
        q.getNumericalAmount();
      } catch (RuntimeException e) {
        found.add(path + ": not a quantity: " + q);
      }
      return;
    }
    if (o instanceof IntOrString) {
      return;
    }
    try {
      Method extra = o.getClass().getMethod("getAdditionalProperties");
      Object props = extra.invoke(o);
      if (props instanceof Map<?, ?> m && !m.isEmpty()) {
        m.keySet().forEach(k -> found.add((path.isEmpty() ? "" : path + ".") + k));
      }
    } catch (NoSuchMethodException e) {
      // a model class without extension fields
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    JavaType type = MAPPER.constructType(o.getClass());
    for (var p : MAPPER.getSerializationConfig().introspect(type).findProperties()) {
      if (p.getGetter() == null || p.getName().equals("additionalProperties")) {
        continue;
      }
      Object value;
      try {
        value = p.getGetter().getAnnotated().invoke(o);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      walk(value, path.isEmpty() ? p.getName() : path + "." + p.getName(), found);
    }
  }
}
