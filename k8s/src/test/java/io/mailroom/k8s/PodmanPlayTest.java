package io.mailroom.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The dev overlay as bin/tools/kube-smoke.sh plays it: beside a running suite, on local engines.
 */
class PodmanPlayTest {
  private static final Map<String, String> LOCAL =
      Map.ofEntries(
          Map.entry("MAILROOM_DB_HOST", "127.0.0.1"),
          Map.entry("MAILROOM_DB_PORT", "5432"),
          Map.entry("MAILROOM_DB_USER", "mailroom"),
          Map.entry("MAILROOM_DB_PASSWORD", "pw"),
          Map.entry("KUBE_SMOKE_DB_NAME", "smoke"),
          Map.entry("KUBE_SMOKE_FILTER_DB_NAME", "smoke_filter"),
          Map.entry("MAILROOM_KAFKA", "127.0.0.1:9092"),
          Map.entry("MAILROOM_S3_ENDPOINT", "http://127.0.0.1:9000"),
          Map.entry("MAILROOM_S3_ACCESS_KEY", "ak"),
          Map.entry("MAILROOM_S3_SECRET_KEY", "sk"),
          Map.entry("MAILROOM_TOKEN_KEY", "tk"),
          Map.entry("MAILROOM_ADMIN_TOKEN", "at"),
          Map.entry("MAILROOM_SERVICE_TOKEN", "st"));

  private static List<ObjectNode> play(Map<String, Properties> app) {
    return PodmanPlay.forPodman(Render.of("overlays/dev", Renderer.BUILTIN), LOCAL, 20000, app);
  }

  private static Map<String, Map<String, String>> envByService(List<ObjectNode> docs) {
    Map<String, Map<String, String>> env = new HashMap<>();
    for (ObjectNode d : docs) {
      Deployment typed = (Deployment) Typed.of(d).orElseThrow();
      assertThat(Typed.unknownFields(typed)).isEmpty();
      Container c = typed.getSpec().getTemplate().getSpec().getContainers().get(0);
      env.put(
          typed.getMetadata().getName(),
          c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue)));
    }
    return env;
  }

  @Test
  void podsUseTheHostNetworkOnShiftedLoopbackPortsAndTheLocalEngines() {
    List<ObjectNode> docs = play(Map.of());
    assertThat(docs)
        .extracting(Kustomize::name)
        .containsExactlyInAnyOrderElementsOf(Mailroom.SERVICES);
    var env = envByService(docs);
    assertThat(env.get("store-service"))
        .containsEntry("MAILROOM_BIND_HOST", "127.0.0.1")
        .containsEntry("MAILROOM_STORE_HTTP_PORT", "28080")
        .containsEntry("MAILROOM_STORE_GRPC_PORT", "29090")
        .containsEntry("MAILROOM_LMTP_PORT", "22424")
        .containsEntry("MAILROOM_DB_HOST", "127.0.0.1")
        .containsEntry("MAILROOM_DB_NAME", "smoke")
        .containsEntry("MAILROOM_DB_PASSWORD", "pw")
        .containsEntry("MAILROOM_S3_ENDPOINT", "http://127.0.0.1:9000")
        .containsEntry("MAILROOM_TOKEN_KEY", "tk");
    assertThat(env.get("imap-gateway"))
        .containsEntry("MAILROOM_IMAP_PORT", "21143")
        .containsEntry("MAILROOM_STORE_HOST", "127.0.0.1")
        .containsEntry("MAILROOM_STORE_GRPC_PORT", "29090")
        .containsEntry("MAILROOM_IMAP_REQUIRE_TLS", "false");
    assertThat(env.get("filter-service")).containsEntry("MAILROOM_FILTER_DB_NAME", "smoke_filter");
    for (ObjectNode d : docs) {
      JsonNode pod = d.at("/spec/template/spec");
      assertThat(pod.path("hostNetwork").asBoolean()).isTrue();
      JsonNode c = pod.at("/containers/0");
      // No port list (it would clash on the host), no secret references, no probe podman
      // would try to run through systemd.
      assertThat(
              c.has("ports") || c.has("envFrom") || c.has("startupProbe") || c.has("livenessProbe"))
          .isFalse();
      assertThat(c.toString()).doesNotContain("secretKeyRef");
      assertThat(c.at("/readinessProbe/httpGet/port").asInt()).isGreaterThan(20000);
      assertThat(d.at("/metadata/namespace").isMissingNode()).isTrue();
      // Each pod its own /tmp.
      assertThat(pod.at("/volumes/0/name").asText()).isEqualTo(Kustomize.name(d) + "-tmp");
      assertThat(c.at("/volumeMounts/0/name").asText()).isEqualTo(Kustomize.name(d) + "-tmp");
    }
  }

  @Test
  void internalGrpcPortsAndConsumerGroupsDoNotMeetTheRunningSuites() {
    Properties filter = new Properties();
    filter.setProperty("quarkus.grpc.server.port", "19391");
    filter.setProperty("mp.messaging.incoming.mail-events.group.id", "filter-service");
    var env = envByService(play(Map.of("filter-service", filter)));
    assertThat(env.get("filter-service"))
        .containsEntry("QUARKUS_GRPC_SERVER_PORT", "39391")
        .containsEntry("MP_MESSAGING_INCOMING_MAIL_EVENTS_GROUP_ID", "filter-service-kube-smoke");
  }

  @Test
  void aMissingLocalVariableIsNamed() {
    Map<String, String> local = new HashMap<>(LOCAL);
    local.remove("MAILROOM_KAFKA");
    assertThatThrownBy(
            () ->
                PodmanPlay.forPodman(
                    Render.of("overlays/dev", Renderer.BUILTIN), local, 20000, Map.of()))
        .hasMessageContaining("MAILROOM_KAFKA is not set");
  }

  @Test
  void portsAreListedForTheScript() {
    assertThat(PodmanPlay.ports(Render.of("overlays/dev", Renderer.BUILTIN), 20000))
        .containsEntry("MAILROOM_IMAP_PORT", "21143")
        .containsEntry("MAILROOM_STORE_HTTP_PORT", "28080")
        .doesNotContainKey("MAILROOM_DB_PORT");
  }
}
