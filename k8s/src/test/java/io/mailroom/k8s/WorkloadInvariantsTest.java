package io.mailroom.k8s;

import static io.mailroom.k8s.Pods.containers;
import static io.mailroom.k8s.Pods.list;
import static io.mailroom.k8s.Pods.matches;
import static io.mailroom.k8s.Pods.ports;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The invariants a deployment relies on and kubectl does not check: what selects what, what refers
 * to what, and that every container is probed, bounded and locked down.
 */
class WorkloadInvariantsTest {

  static Stream<Render> renders() {
    return Render.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void workloadSelectorsMatchTheirPodLabels(Render render) {
    List<String> problems = new ArrayList<>();
    for (var w : render.workloads()) {
      if (w.selector() != null && !Selectors.matches(w.selector(), w.podLabels())) {
        problems.add(w.name() + ": selector does not match its own pod labels");
      }
      PodSpec spec = w.template().getSpec();
      if (spec.getTopologySpreadConstraints() != null) {
        spec.getTopologySpreadConstraints().stream()
            .filter(t -> !Selectors.matches(t.getLabelSelector(), w.podLabels()))
            .forEach(t -> problems.add(w.name() + ": topology spread selects other pods"));
      }
      if (spec.getAffinity() != null && spec.getAffinity().getPodAntiAffinity() != null) {
        spec
            .getAffinity()
            .getPodAntiAffinity()
            .getPreferredDuringSchedulingIgnoredDuringExecution()
            .stream()
            .filter(
                t -> !Selectors.matches(t.getPodAffinityTerm().getLabelSelector(), w.podLabels()))
            .forEach(t -> problems.add(w.name() + ": anti-affinity selects other pods"));
      }
    }
    assertThat(render.workloads()).isNotEmpty();
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void servicesSelectPodsThatHaveTheirTargetPorts(Render render) {
    List<String> problems = new ArrayList<>();
    for (Service s : render.all(Service.class)) {
      var pods =
          render.workloads().stream()
              .filter(w -> Selectors.matches(s.getSpec().getSelector(), w.podLabels()))
              .toList();
      if (pods.isEmpty()) {
        problems.add("Service " + s.getMetadata().getName() + " selects no pods");
      }
      for (ServicePort p : s.getSpec().getPorts()) {
        IntOrString target =
            p.getTargetPort() == null ? new IntOrString(p.getPort()) : p.getTargetPort();
        for (var w : pods) {
          boolean found =
              containers(w.template().getSpec()).stream()
                  .flatMap(c -> ports(c).stream())
                  .anyMatch(cp -> matches(cp, target));
          if (!found) {
            problems.add(
                "Service "
                    + s.getMetadata().getName()
                    + " port "
                    + p.getName()
                    + ": targetPort "
                    + target.getValue()
                    + " is not a container port of "
                    + w.name());
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void budgetsAndAutoscalersPointAtWorkloads(Render render) {
    List<String> problems = new ArrayList<>();
    for (PodDisruptionBudget pdb : render.all(PodDisruptionBudget.class)) {
      if (render.workloads().stream()
          .noneMatch(w -> Selectors.matches(pdb.getSpec().getSelector(), w.podLabels()))) {
        problems.add("PodDisruptionBudget " + pdb.getMetadata().getName() + " selects no pods");
      }
    }
    for (HorizontalPodAutoscaler hpa : render.all(HorizontalPodAutoscaler.class)) {
      var ref = hpa.getSpec().getScaleTargetRef();
      if (!"Deployment".equals(ref.getKind())
          || render.find(Deployment.class, ref.getName()).isEmpty()) {
        problems.add("HorizontalPodAutoscaler " + hpa.getMetadata().getName() + " scales nothing");
      }
      if (hpa.getSpec().getMinReplicas() > hpa.getSpec().getMaxReplicas()) {
        problems.add("HorizontalPodAutoscaler " + hpa.getMetadata().getName() + ": min > max");
      }
    }
    assertThat(problems).isEmpty();
  }

  /** Every ConfigMap and Secret key a pod reads exists, or an operator documented here makes it. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void configMapAndSecretReferencesResolve(Render render) {
    Map<String, Set<String>> configMaps = new HashMap<>();
    render
        .all(ConfigMap.class)
        .forEach(cm -> configMaps.put(cm.getMetadata().getName(), keys(cm.getData())));
    Map<String, Set<String>> secrets = new HashMap<>();
    for (ObjectNode s : Mailroom.exampleSecrets()) {
      Set<String> k = new HashSet<>();
      s.path("stringData").fieldNames().forEachRemaining(k::add);
      secrets.put(Kustomize.name(s), k);
    }
    boolean withDeps = !render.docsOfKind("Cluster").isEmpty();
    Mailroom.OPERATOR_SECRETS.forEach(
        (name, op) -> {
          // Where the engines are part of the render, the resource that makes it must be too.
          if (!withDeps
              || render.docsOfKind(op.kind()).stream()
                  .anyMatch(d -> Kustomize.name(d).equals(op.owner()))) {
            secrets.put(name, op.keys());
          }
        });
    List<String> problems = new ArrayList<>();
    for (var w : render.workloads()) {
      PodSpec spec = w.template().getSpec();
      for (Container c : containers(spec)) {
        for (EnvFromSource from : list(c.getEnvFrom())) {
          if (from.getConfigMapRef() != null
              && !configMaps.containsKey(from.getConfigMapRef().getName())) {
            problems.add(
                w.name()
                    + ": envFrom ConfigMap "
                    + from.getConfigMapRef().getName()
                    + " is missing");
          }
          if (from.getSecretRef() != null && !secrets.containsKey(from.getSecretRef().getName())) {
            problems.add(
                w.name() + ": envFrom Secret " + from.getSecretRef().getName() + " is missing");
          }
        }
        for (EnvVar e : list(c.getEnv())) {
          if (e.getValueFrom() == null) {
            continue;
          }
          var cmRef = e.getValueFrom().getConfigMapKeyRef();
          if (cmRef != null
              && !configMaps.getOrDefault(cmRef.getName(), Set.of()).contains(cmRef.getKey())) {
            problems.add(
                w.name()
                    + ": "
                    + e.getName()
                    + " reads missing ConfigMap key "
                    + cmRef.getName()
                    + "/"
                    + cmRef.getKey());
          }
          var sRef = e.getValueFrom().getSecretKeyRef();
          if (sRef != null
              && !secrets.getOrDefault(sRef.getName(), Set.of()).contains(sRef.getKey())) {
            problems.add(
                w.name()
                    + ": "
                    + e.getName()
                    + " reads missing Secret key "
                    + sRef.getName()
                    + "/"
                    + sRef.getKey());
          }
        }
      }
      for (Volume v : list(spec.getVolumes())) {
        if (v.getSecret() != null && !secrets.containsKey(v.getSecret().getSecretName())) {
          problems.add(
              w.name()
                  + ": volume "
                  + v.getName()
                  + " mounts missing Secret "
                  + v.getSecret().getSecretName());
        }
        if (v.getConfigMap() != null && !configMaps.containsKey(v.getConfigMap().getName())) {
          problems.add(
              w.name()
                  + ": volume "
                  + v.getName()
                  + " mounts missing ConfigMap "
                  + v.getConfigMap().getName());
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private static Set<String> keys(Map<String, String> m) {
    return m == null ? Set.of() : m.keySet();
  }
}
