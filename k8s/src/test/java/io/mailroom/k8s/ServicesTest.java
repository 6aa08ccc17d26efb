package io.mailroom.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How clients and the other services reach Mailroom: standard ports outside, unprivileged inside.
 */
class ServicesTest {

  static Stream<Render> renders() {
    return Render.all().stream().filter(r -> !r.dir().equals("deps"));
  }

  /** Service port → target port, e.g. 143 → imap. */
  private static Map<Integer, String> portMap(Service s) {
    Map<Integer, String> m = new TreeMap<>();
    for (ServicePort p : s.getSpec().getPorts()) {
      m.put(p.getPort(), String.valueOf(p.getTargetPort().getValue()));
    }
    return m;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void gatewaysAreLoadBalancedOnTheStandardPortsKeepingClientAddresses(Render render) {
    Service imap = render.get(Service.class, "imap-gateway");
    Service pop3 = render.get(Service.class, "pop3-gateway");
    Service sieve = render.get(Service.class, "filter-managesieve");
    for (Service s : new Service[] {imap, pop3, sieve}) {
      assertThat(s.getSpec().getType()).isEqualTo("LoadBalancer");
      assertThat(s.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
    }
    assertThat(portMap(imap)).isEqualTo(Map.of(143, "imap", 993, "imaps"));
    assertThat(portMap(pop3)).isEqualTo(Map.of(110, "pop3", 995, "pop3s"));
    assertThat(portMap(sieve)).isEqualTo(Map.of(4190, "managesieve"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void theStoreHasGrpcHeadlessAndLmtpServices(Render render) {
    Service grpc = render.get(Service.class, "store-service");
    assertThat(grpc.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(portMap(grpc)).containsEntry(9090, "grpc");
    Service headless = render.get(Service.class, "store-service-headless");
    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(portMap(headless)).isEqualTo(Map.of(9090, "grpc"));
    assertThat(portMap(render.get(Service.class, "store-lmtp"))).isEqualTo(Map.of(24, "lmtp"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void gatewaysHaveAnAutoscalerAndADisruptionBudget(Render render) {
    for (String g : Mailroom.GATEWAYS) {
      HorizontalPodAutoscaler hpa = render.get(HorizontalPodAutoscaler.class, g);
      assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(g);
      assertThat(hpa.getSpec().getMetrics())
          .anySatisfy(m -> assertThat(m.getResource().getName()).isEqualTo("cpu"));
      PodDisruptionBudget pdb = render.get(PodDisruptionBudget.class, g);
      // maxUnavailable, not minAvailable: a single replica (dev) must not block node drains.
      assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    }
  }
}
