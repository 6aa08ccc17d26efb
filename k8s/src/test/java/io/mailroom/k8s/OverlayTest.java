package io.mailroom.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the dev and prod overlays promise, checked on their rendered output. */
class OverlayTest {

  static Stream<Render> dev() {
    return Renderer.available().stream().map(r -> Render.of("overlays/dev", r));
  }

  static Stream<Render> prod() {
    return Renderer.available().stream().map(r -> Render.of("overlays/prod", r));
  }

  static Stream<Render> overlays() {
    return Stream.concat(dev(), prod());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev")
  void devRunsOneOfEverythingWithPlaintextAllowedAndLocalImages(Render dev) {
    for (Deployment d : dev.all(Deployment.class)) {
      assertThat(d.getSpec().getReplicas()).as(d.getMetadata().getName()).isEqualTo(1);
      assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
          .startsWith("localhost/mailroom/")
          .endsWith(":dev");
    }
    for (HorizontalPodAutoscaler h : dev.all(HorizontalPodAutoscaler.class)) {
      assertThat(h.getSpec().getMaxReplicas()).isEqualTo(1);
    }
    assertThat(requireTls(dev, "imap-gateway")).containsOnly("false");
    assertThat(requireTls(dev, "pop3-gateway")).containsOnly("false");
    assertThat(dev.get(StatefulSet.class, "minio").getSpec().getReplicas()).isEqualTo(1);
    assertThat(
            dev.get(StatefulSet.class, "minio")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getArgs())
        .contains("/data");
    assertThat(crd(dev, "Cluster", "mailroom-pg").at("/spec/instances").asInt()).isEqualTo(1);
    assertThat(crd(dev, "KafkaNodePool", "dual-role").at("/spec/replicas").asInt()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("prod")
  void prodRunsThreeGatewaysOrMoreApartWithTlsRequired(Render prod) {
    for (String g : Mailroom.GATEWAYS) {
      HorizontalPodAutoscaler hpa = prod.get(HorizontalPodAutoscaler.class, g);
      assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(3);
      assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
    }
    assertThat(requireTls(prod, "imap-gateway")).containsOnly("true");
    assertThat(requireTls(prod, "pop3-gateway")).containsOnly("true");
    for (Deployment d : prod.all(Deployment.class)) {
      var anti = d.getSpec().getTemplate().getSpec().getAffinity();
      assertThat(anti).as(d.getMetadata().getName()).isNotNull();
      assertThat(anti.getPodAntiAffinity()).isNotNull();
      assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
          .doesNotStartWith("localhost/");
      if (d.getSpec().getReplicas() != null) {
        assertThat(d.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
      }
    }
  }

  /** MAILROOM_TLS_CERT/KEY name files that the mailroom-tls Secret volume really provides. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("prod")
  void prodTlsPathsAreFilesOfTheMountedSecret(Render prod) {
    List<String> checked = new ArrayList<>();
    for (Deployment d : prod.all(Deployment.class)) {
      String name = d.getMetadata().getName();
      Map<String, String> config = prod.get(ConfigMap.class, name).getData();
      if (!config.containsKey("MAILROOM_TLS_CERT")) {
        continue;
      }
      PodSpec spec = d.getSpec().getTemplate().getSpec();
      Container c = spec.getContainers().get(0);
      for (String variable : List.of("MAILROOM_TLS_CERT", "MAILROOM_TLS_KEY")) {
        String path = config.get(variable);
        var mount =
            c.getVolumeMounts().stream()
                .filter(m -> path.startsWith(m.getMountPath() + "/"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + ": nothing mounted at " + path));
        Volume v =
            spec.getVolumes().stream()
                .filter(x -> x.getName().equals(mount.getName()))
                .findFirst()
                .orElseThrow();
        assertThat(v.getSecret().getSecretName()).isEqualTo("mailroom-tls");
        assertThat(path.substring(mount.getMountPath().length() + 1)).isIn("tls.crt", "tls.key");
      }
      checked.add(name);
    }
    assertThat(checked).contains("imap-gateway", "pop3-gateway");
  }

  /** Where the services look for each other and for the engines, something answers. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void configuredHostsAreServicesOfTheRender(Render overlay) {
    List<String> problems = new ArrayList<>();
    for (ConfigMap cm : overlay.all(ConfigMap.class)) {
      cm.getData()
          .forEach(
              (k, v) -> {
                String host =
                    switch (k) {
                      case "MAILROOM_STORE_HOST", "MAILROOM_DB_HOST" -> v;
                      case "MAILROOM_KAFKA" -> v.substring(0, v.indexOf(':'));
                      case "MAILROOM_S3_ENDPOINT" -> URI.create(v).getHost();
                      default -> null;
                    };
                if (host != null && !serviceExists(overlay, host)) {
                  problems.add(
                      cm.getMetadata().getName()
                          + ": "
                          + k
                          + " names "
                          + host
                          + ", which no Service is");
                }
              });
    }
    assertThat(problems).isEmpty();
  }

  /** A topic cannot have more replicas than there are brokers, nor min.insync above them. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void kafkaReplicationFitsTheBrokers(Render overlay) {
    int brokers =
        overlay.docsOfKind("KafkaNodePool").stream()
            .filter(p -> p.at("/spec/roles").toString().contains("broker"))
            .mapToInt(p -> p.at("/spec/replicas").asInt())
            .sum();
    assertThat(brokers).isPositive();
    JsonNode config = crd(overlay, "Kafka", "mailroom-kafka").at("/spec/kafka/config");
    assertThat(config.path("default.replication.factor").asInt()).isLessThanOrEqualTo(brokers);
    assertThat(config.path("offsets.topic.replication.factor").asInt())
        .isLessThanOrEqualTo(brokers);
    assertThat(config.path("min.insync.replicas").asInt())
        .isLessThanOrEqualTo(config.path("default.replication.factor").asInt());
    for (ObjectNode t : overlay.docsOfKind("KafkaTopic")) {
      int replicas = t.at("/spec/replicas").asInt();
      assertThat(replicas).as(Kustomize.name(t)).isBetween(1, brokers);
      assertThat(t.at("/spec/config/min.insync.replicas").asInt(1)).isLessThanOrEqualTo(replicas);
    }
    assertThat(crd(overlay, "KafkaTopic", "mailroom.mail-events").at("/spec/partitions").asInt())
        .isGreaterThanOrEqualTo(12);
    assertThat(overlay.docsOfKind("KafkaTopic").stream().map(Kustomize::name))
        .contains("mailroom.mail-events.dlq");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void everythingLandsInTheMailroomNamespace(Render overlay) {
    for (ObjectNode d : overlay.docs()) {
      if (Kustomize.kind(d).equals("Namespace")) {
        assertThat(Kustomize.name(d)).isEqualTo("mailroom");
      } else {
        assertThat(d.at("/metadata/namespace").asText())
            .as(Kustomize.name(d))
            .isEqualTo("mailroom");
      }
    }
  }

  /** Every REQUIRE_TLS variable of a gateway, which must all agree. */
  private static List<String> requireTls(Render render, String gateway) {
    Map<String, String> data = render.get(ConfigMap.class, gateway).getData();
    List<String> values =
        data.entrySet().stream()
            .filter(e -> e.getKey().endsWith("REQUIRE_TLS"))
            .map(Map.Entry::getValue)
            .toList();
    assertThat(values).as(gateway + " has a REQUIRE_TLS variable").isNotEmpty();
    return values;
  }

  private static boolean serviceExists(Render render, String host) {
    if (render.find(Service.class, host).isPresent()) {
      return true;
    }
    List<String> op = Mailroom.OPERATOR_SERVICES.get(host);
    return op != null
        && render.docsOfKind(op.get(0)).stream().anyMatch(d -> Kustomize.name(d).equals(op.get(1)));
  }

  private static ObjectNode crd(Render render, String kind, String name) {
    return render.docsOfKind(kind).stream()
        .filter(d -> Kustomize.name(d).equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(render + ": no " + kind + " " + name));
  }
}
