package io.mailroom.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every manifest, as rendered, is something the API server would accept: built-in kinds parse into
 * the fabric8 model with no unknown field and no wrong type; custom resources fit the fields of
 * their CRDs.
 */
class ManifestSchemaTest {
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  static Stream<Render> renders() {
    return Render.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void builtInObjectsHaveNoUnknownFields(Render render) {
    assertThat(render.typed()).isNotEmpty();
    List<String> unknown = new ArrayList<>();
    for (HasMetadata o : render.typed()) {
      Typed.unknownFields(o)
          .forEach(f -> unknown.add(o.getKind() + "/" + o.getMetadata().getName() + ": " + f));
    }
    assertThat(unknown).as("fields the Kubernetes API does not define").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void customResourcesFitTheirCrds(Render render) {
    List<String> problems = new ArrayList<>();
    render.docs().stream()
        .filter(d -> !Kustomize.isBuiltIn(d))
        .forEach(d -> problems.addAll(Crds.check(d)));
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void namesAreValidAndUnique(Render render) {
    Set<String> seen = new HashSet<>();
    List<String> problems = new ArrayList<>();
    for (ObjectNode d : render.docs()) {
      String name = Kustomize.name(d);
      if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
        problems.add(Kustomize.kind(d) + " has an invalid name '" + name + "'");
      }
      if (!seen.add(d.path("apiVersion").asText() + "/" + Kustomize.kind(d) + "/" + name)) {
        problems.add(Kustomize.kind(d) + "/" + name + " is defined twice");
      }
    }
    render
        .workloads()
        .forEach(
            w ->
                w.template().getSpec().getContainers().stream()
                    .flatMap(c -> c.getPorts() == null ? Stream.empty() : c.getPorts().stream())
                    .filter(p -> p.getName() != null)
                    .filter(
                        p -> p.getName().length() > 15 || !PORT_NAME.matcher(p.getName()).matches())
                    .forEach(p -> problems.add(w.name() + ": bad port name " + p.getName())));
    assertThat(problems).isEmpty();
  }

  /** The API server wants strings in ConfigMap data and env values; YAML makes 8080 a number. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void configMapDataAndEnvValuesAreStrings(Render render) {
    List<String> problems = new ArrayList<>();
    for (ObjectNode cm : render.docsOfKind("ConfigMap")) {
      cm.path("data")
          .fields()
          .forEachRemaining(
              e -> {
                if (!e.getValue().isTextual()) {
                  problems.add(
                      "ConfigMap " + Kustomize.name(cm) + ": " + e.getKey() + " not a string");
                }
              });
    }
    render.docs().forEach(d -> envValues(d, Kustomize.name(d), problems));
    assertThat(problems).isEmpty();
  }

  private static void envValues(JsonNode node, String where, List<String> problems) {
    if (node.isObject()) {
      JsonNode env = node.get("env");
      if (env != null && env.isArray()) {
        for (JsonNode e : env) {
          if (e.has("value") && !e.get("value").isTextual()) {
            problems.add(where + ": env " + e.path("name").asText() + " is not a string");
          }
        }
      }
      node.forEach(child -> envValues(child, where, problems));
    } else if (node.isArray()) {
      node.forEach(child -> envValues(child, where, problems));
    }
  }

  /** Secrets are created by the operator of the cluster (secrets.example.yaml), never shipped. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void noSecretIsShipped(Render render) {
    assertThat(render.docsOfKind("Secret")).extracting(Kustomize::name).isEmpty();
  }

  @Test
  void secretsExampleIsTypedAndHoldsOnlyPlaceholders() {
    List<ObjectNode> docs = Yaml.readAll(Render.k8sDir().resolve("base/secrets.example.yaml"));
    assertThat(docs).isNotEmpty();
    for (ObjectNode d : docs) {
      Secret s = (Secret) Typed.of(d).orElseThrow();
      assertThat(Typed.unknownFields(s)).isEmpty();
      assertThat(s.getStringData().values()).allSatisfy(v -> assertThat(v).contains("CHANGE-ME"));
      assertThat(s.getData()).isNullOrEmpty();
    }
  }

  /** A manifest no kustomization lists would never be deployed, nor validated. */
  @Test
  void everyManifestIsPartOfAKustomization() throws IOException {
    Set<Path> listed = new HashSet<>();
    for (String dir : Render.DIRS) {
      Path d = Render.k8sDir().resolve(dir);
      ObjectNode k = Yaml.readOne(d.resolve("kustomization.yaml"));
      k.path("resources").forEach(r -> listed.add(d.resolve(r.asText()).normalize()));
      k.path("patches").forEach(p -> listed.add(d.resolve(p.path("path").asText()).normalize()));
    }
    List<Path> yamls;
    try (Stream<Path> files = Files.walk(Render.k8sDir())) {
      yamls =
          files
              .filter(p -> p.toString().endsWith(".yaml"))
              .filter(p -> !p.startsWith(Render.k8sDir().resolve("target")))
              .filter(p -> !p.startsWith(Render.k8sDir().resolve("src")))
              .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
              .filter(p -> !p.getFileName().toString().equals("secrets.example.yaml"))
              .toList();
    }
    assertThat(yamls).isNotEmpty();
    assertThat(yamls).allSatisfy(p -> assertThat(listed).contains(p.normalize()));
  }
}
