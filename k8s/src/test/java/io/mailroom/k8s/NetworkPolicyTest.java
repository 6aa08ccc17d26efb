package io.mailroom.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who can reach what, computed from the NetworkPolicies the way a CNI enforces them: a pod selected
 * by a policy accepts only what some selecting policy allows. Sources are the pods of the render, a
 * stranger pod in the same namespace, and a pod of another namespace.
 */
class NetworkPolicyTest {
  private static final String NAMESPACE = "mailroom";

  /** A pod that might connect: its labels and its namespace's labels. */
  record Source(String name, Map<String, String> labels, Map<String, String> namespaceLabels) {}

  /** A pod being connected to, on one port (number and, if it has one, name). */
  record Target(Map<String, String> labels, int port, String portName) {}

  static Stream<Render> rendersWithPolicies() {
    return Render.all().stream().filter(r -> !r.all(NetworkPolicy.class).isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rendersWithPolicies")
  void onlyGatewaysAndFilterReachTheStoresGrpcPort(Render render) {
    assertThat(reachers(render, new Target(pod("store-service"), 9090, "grpc")))
        .containsExactly("filter-service", "imap-gateway", "pop3-gateway");
    // LMTP (the MTA) and HTTP (probes, metrics, admin REST) stay open.
    assertThat(reachers(render, new Target(pod("store-service"), 2424, "lmtp")))
        .contains("elsewhere");
    assertThat(reachers(render, new Target(pod("store-service"), 8080, "http")))
        .contains("elsewhere");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rendersWithPolicies")
  void onlyTheStoreAndTheFilterServiceReachPostgresql(Render render) {
    // The filter service keeps users' Sieve scripts in its own database of the same cluster.
    assertThat(reachers(render, new Target(Map.of("cnpg.io/cluster", "mailroom-pg"), 5432, null)))
        .containsExactly("filter-service", "store-service");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rendersWithPolicies")
  void onlyTheStoreReachesS3(Render render) {
    // The one-shot Job of k8s/deps that creates the bucket is the only other client.
    assertThat(reachers(render, new Target(Map.of("app.kubernetes.io/name", "minio"), 9000, "s3")))
        .filteredOn(name -> !name.equals("minio-setup"))
        .containsExactly("store-service");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rendersWithPolicies")
  void mailClientsReachTheGatewaysFromAnywhere(Render render) {
    assertThat(reachers(render, new Target(pod("imap-gateway"), 1143, "imap")))
        .contains("elsewhere");
    assertThat(reachers(render, new Target(pod("imap-gateway"), 1993, "imaps")))
        .contains("elsewhere");
    assertThat(reachers(render, new Target(pod("pop3-gateway"), 1110, "pop3")))
        .contains("elsewhere");
    assertThat(reachers(render, new Target(pod("pop3-gateway"), 1995, "pop3s")))
        .contains("elsewhere");
    assertThat(reachers(render, new Target(pod("filter-service"), 4190, "managesieve")))
        .contains("elsewhere");
  }

  /** Strimzi writes the Kafka pods' policy from the listener's networkPolicyPeers. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void onlyStoreGatewaysAndFilterReachKafka(Render render) {
    List<JsonNode> listeners = new ArrayList<>();
    render.docsOfKind("Kafka").forEach(k -> k.at("/spec/kafka/listeners").forEach(listeners::add));
    if (render.docsOfKind("Kafka").isEmpty()) {
      return; // base alone has no engines
    }
    assertThat(listeners).isNotEmpty();
    for (JsonNode l : listeners) {
      assertThat(l.has("networkPolicyPeers"))
          .as("listener %s restricts its peers", l.path("name"))
          .isTrue();
      List<NetworkPolicyPeer> peers = new ArrayList<>();
      l.get("networkPolicyPeers")
          .forEach(p -> peers.add(Typed.convert(p, NetworkPolicyPeer.class, "peer")));
      Set<String> allowed = new TreeSet<>();
      for (Source s : sources(render)) {
        if (peers.stream().anyMatch(p -> allows(p, s))) {
          allowed.add(s.name());
        }
      }
      assertThat(allowed)
          .containsExactly("filter-service", "imap-gateway", "pop3-gateway", "store-service");
    }
  }

  static Stream<Render> renders() {
    return Render.all().stream();
  }

  /** Names of the sources that may open a connection to the target. */
  static Set<String> reachers(Render render, Target target) {
    List<NetworkPolicy> selecting =
        render.all(NetworkPolicy.class).stream()
            .filter(p -> Selectors.matches(p.getSpec().getPodSelector(), target.labels()))
            .filter(
                p ->
                    p.getSpec().getPolicyTypes() == null
                        || p.getSpec().getPolicyTypes().contains("Ingress"))
            .toList();
    assertThat(selecting).as("a NetworkPolicy isolates %s", target.labels()).isNotEmpty();
    Set<String> allowed = new TreeSet<>();
    for (Source s : sources(render)) {
      for (NetworkPolicy p : selecting) {
        for (NetworkPolicyIngressRule rule : Pods.list(p.getSpec().getIngress())) {
          boolean portOk =
              rule.getPorts() == null
                  || rule.getPorts().isEmpty()
                  || rule.getPorts().stream().anyMatch(port -> matches(port, target));
          boolean fromOk =
              rule.getFrom() == null
                  || rule.getFrom().isEmpty()
                  || rule.getFrom().stream().anyMatch(peer -> allows(peer, s));
          if (portOk && fromOk) {
            allowed.add(s.name());
          }
        }
      }
    }
    return allowed;
  }

  private static boolean matches(NetworkPolicyPort port, Target target) {
    if (port.getProtocol() != null && !port.getProtocol().equals("TCP")) {
      return false;
    }
    IntOrString p = port.getPort();
    return p == null
        || (p.getIntVal() != null
            ? p.getIntVal() == target.port()
            : p.getStrVal().equals(target.portName()));
  }

  private static boolean allows(NetworkPolicyPeer peer, Source s) {
    if (peer.getIpBlock() != null) {
      return false; // addresses outside the cluster, not pods
    }
    boolean nsOk =
        peer.getNamespaceSelector() == null
            ? s.namespaceLabels().get("kubernetes.io/metadata.name").equals(NAMESPACE)
            : Selectors.matches(peer.getNamespaceSelector(), s.namespaceLabels());
    boolean podOk =
        peer.getPodSelector() == null || Selectors.matches(peer.getPodSelector(), s.labels());
    return nsOk && podOk;
  }

  private static List<Source> sources(Render render) {
    Map<String, String> here = Map.of("kubernetes.io/metadata.name", NAMESPACE);
    List<Source> sources = new ArrayList<>();
    render
        .workloads()
        .forEach(
            w -> sources.add(new Source(w.owner().getMetadata().getName(), w.podLabels(), here)));
    // Make sure the services are sources even in a render without them (deps alone).
    Mailroom.SERVICES.stream()
        .filter(n -> sources.stream().noneMatch(s -> s.name().equals(n)))
        .forEach(n -> sources.add(new Source(n, pod(n), here)));
    sources.add(new Source("stranger", Map.of("app.kubernetes.io/name", "stranger"), here));
    sources.add(
        new Source(
            "elsewhere", Map.of("app", "x"), Map.of("kubernetes.io/metadata.name", "other")));
    return sources;
  }

  private static Map<String, String> pod(String service) {
    String component =
        switch (service) {
          case "store-service" -> "store";
          case "filter-service" -> "filter";
          default -> "gateway";
        };
    return Map.of(
        "app.kubernetes.io/name", service,
        "app.kubernetes.io/part-of", "mailroom",
        "app.kubernetes.io/component", component);
  }
}
