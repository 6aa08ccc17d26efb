package io.mailroom.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks the other tests rely on do catch the mistakes they are there for. */
class ValidatorSelfTest {
  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: d
      spec:
        replicas: %s
        selector:
          matchLabels: {app: d}
        template:
          metadata:
            labels: {app: d}
          spec:
            containers:
              - name: c
                image: i
                %s
      """;

  private static ObjectNode doc(String yaml) {
    return Yaml.readAll(yaml, "test").get(0);
  }

  @Test
  void aMisspelledFieldIsReportedWithItsPath() {
    HasMetadata d = Typed.of(doc(DEPLOYMENT.formatted("1", "livenessprobe: {}"))).orElseThrow();
    assertThat(Typed.unknownFields(d))
        .containsExactly("spec.template.spec.containers[0].livenessprobe");
  }

  @Test
  void aWrongTypeIsRefused() {
    assertThatThrownBy(() -> Typed.of(doc(DEPLOYMENT.formatted("two", "ports: []"))))
        .hasMessageContaining("Deployment");
    // The API server does not turn "2" into 2 either.
    assertThatThrownBy(() -> Typed.of(doc(DEPLOYMENT.formatted("\"2\"", "ports: []"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBadQuantityIsReported() {
    HasMetadata d =
        Typed.of(doc(DEPLOYMENT.formatted("1", "resources: {limits: {memory: lots}}")))
            .orElseThrow();
    assertThat(Typed.unknownFields(d)).singleElement().asString().contains("not a quantity");
  }

  @Test
  void aBuiltInKindWithoutModelIsAnError() {
    assertThatThrownBy(() -> Typed.of(doc("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n")))
        .hasMessageContaining("no typed model");
  }

  @Test
  void customResourcesOutsideTheirSchemaAreReported() {
    assertThat(
            Crds.check(
                doc(
                    """
                    apiVersion: kafka.strimzi.io/v1beta2
                    kind: KafkaTopic
                    metadata: {name: t}
                    spec: {partition: 12, replicas: "3"}
                    """)))
        .containsExactlyInAnyOrder(
            "KafkaTopic t: spec.partition is not a field of its CRD (crd-fields.txt)",
            "KafkaTopic t: spec.replicas: expected int, found \"3\"");
    assertThat(
            Crds.check(
                doc(
                    """
                    apiVersion: kafka.strimzi.io/v1beta2
                    kind: KafkaNodePool
                    metadata: {name: p, labelz: {}}
                    spec:
                      roles: [broker, zookeeper]
                      resources: {requests: {cpu: 1}, limts: {}}
                    """)))
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).contains("metadata.labelz"))
        .anySatisfy(p -> assertThat(p).contains("spec.roles[]: expected one of"))
        .anySatisfy(p -> assertThat(p).contains("spec.resources: unknown fields [limts]"));
    assertThat(Crds.check(doc("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n")))
        .singleElement()
        .asString()
        .contains("not in crd-fields.txt");
  }

  @Test
  void theBuiltinRendererRefusesWhatItDoesNotImplement(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("kustomization.yaml"), "resources: []\ncommonLabels: {team: mail}\n");
    assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("'commonLabels'");
  }

  @Test
  void theBuiltinRendererMergesContainersByName(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("d.yaml"), DEPLOYMENT.formatted("1", "args: [a]"));
    Files.writeString(
        dir.resolve("p.yaml"),
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec:
          template:
            spec:
              containers:
                - name: c
                  args: [b]
                - name: sidecar
                  image: s
        """);
    Files.writeString(
        dir.resolve("kustomization.yaml"),
        """
        namespace: ns
        resources: [d.yaml]
        patches: [{path: p.yaml}]
        images: [{name: i, newName: reg/i, newTag: "2"}]
        replicas: [{name: d, count: 3}]
        """);
    ObjectNode d = Kustomize.build(dir).get(0);
    assertThat(d.at("/metadata/namespace").asText()).isEqualTo("ns");
    assertThat(d.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(d.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("reg/i:2");
    assertThat(d.at("/spec/template/spec/containers/0/args").toString()).isEqualTo("[\"b\"]");
    assertThat(d.at("/spec/template/spec/containers/1/name").asText()).isEqualTo("sidecar");
  }
}
