package io.mailroom.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void everyContainerIsProbedBoundedAndLockedDown(Render render) {
    List<String> problems = new ArrayList<>();
    for (var w : render.workloads()) {
      PodSpec spec = w.template().getSpec();
      PodSecurityContext pod = spec.getSecurityContext();
      Map<String, Volume> volumes = new HashMap<>();
      list(spec.getVolumes()).forEach(v -> volumes.put(v.getName(), v));
      if (Boolean.TRUE.equals(spec.getHostNetwork()) || Boolean.TRUE.equals(spec.getHostPID())) {
        problems.add(w.name() + ": shares the host's namespaces");
      }
      for (Container c : containers(spec)) {
        String where = w.name() + " container " + c.getName();
        if (w.longRunning() && (c.getLivenessProbe() == null || c.getReadinessProbe() == null)) {
          problems.add(where + ": needs liveness and readiness probes");
        }
        ResourceRequirements r = c.getResources();
        for (String res : List.of("cpu", "memory")) {
          if (r == null || r.getRequests() == null || !r.getRequests().containsKey(res)) {
            problems.add(where + ": no " + res + " request");
          }
          if (r == null || r.getLimits() == null || !r.getLimits().containsKey(res)) {
            problems.add(where + ": no " + res + " limit");
          }
        }
        SecurityContext sc = c.getSecurityContext();
        if (sc == null) {
          problems.add(where + ": no securityContext");
          continue;
        }
        boolean nonRoot =
            Boolean.TRUE.equals(sc.getRunAsNonRoot())
                || (pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot()));
        if (!nonRoot) {
          problems.add(where + ": runAsNonRoot is not true");
        }
        if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
          problems.add(where + ": readOnlyRootFilesystem is not true");
        }
        if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
          problems.add(where + ": allowPrivilegeEscalation is not false");
        }
        if (Boolean.TRUE.equals(sc.getPrivileged())) {
          problems.add(where + ": privileged");
        }
        if (sc.getCapabilities() == null
            || !list(sc.getCapabilities().getDrop()).contains("ALL")
            || !list(sc.getCapabilities().getAdd()).isEmpty()) {
          problems.add(where + ": must drop ALL capabilities and add none");
        }
        var seccomp =
            sc.getSeccompProfile() != null
                ? sc.getSeccompProfile()
                : pod == null ? null : pod.getSeccompProfile();
        if (seccomp == null || !"RuntimeDefault".equals(seccomp.getType())) {
          problems.add(where + ": seccompProfile is not RuntimeDefault");
        }
        for (ContainerPort p : ports(c)) {
          if (p.getContainerPort() < 1024) {
            problems.add(where + ": privileged port " + p.getContainerPort());
          }
          if (p.getHostPort() != null) {
            problems.add(where + ": hostPort " + p.getHostPort());
          }
        }
        // A read-only root needs somewhere to write: the JVM and Vert.x use /tmp.
        boolean writableTmp =
            list(c.getVolumeMounts()).stream()
                .filter(m -> m.getMountPath().equals("/tmp"))
                .map(VolumeMount::getName)
                .map(volumes::get)
                .anyMatch(v -> v != null && v.getEmptyDir() != null);
        if (!writableTmp) {
          problems.add(where + ": no emptyDir mounted at /tmp");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  /**
   * The four services: Quarkus's health endpoints, a drain before SIGTERM, replicas spread across
   * nodes, ports that agree.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void mailroomServicesProbeHealthDrainAndAgreeOnPorts(Render render) {
    List<String> problems = new ArrayList<>();
    for (Deployment d : render.all(Deployment.class)) {
      String name = d.getMetadata().getName();
      if (!Mailroom.SERVICES.contains(name)) {
        continue;
      }
      PodSpec spec = d.getSpec().getTemplate().getSpec();
      Container c = spec.getContainers().get(0);
      assertThat(c.getName()).isEqualTo(name);
      checkProbe(name, "liveness", c.getLivenessProbe(), "/q/health/live", c, problems);
      checkProbe(name, "readiness", c.getReadinessProbe(), "/q/health/ready", c, problems);
      long grace = Objects.requireNonNullElse(spec.getTerminationGracePeriodSeconds(), 30L);
      var preStop = c.getLifecycle() == null ? null : c.getLifecycle().getPreStop();
      if (preStop == null
          || preStop.getExec() == null
          || !preStop.getExec().getCommand().get(0).equals("sleep")) {
        problems.add(name + ": no preStop sleep to leave the endpoints before SIGTERM");
      } else {
        long sleep = Long.parseLong(preStop.getExec().getCommand().get(1));
        if (sleep < 3 || grace - sleep < 20) {
          problems.add(
              name
                  + ": preStop sleep "
                  + sleep
                  + " s leaves too little of the "
                  + grace
                  + " s grace to drain");
        }
      }
      boolean spreadAcrossNodes =
          spec.getTopologySpreadConstraints() != null
              && spec.getTopologySpreadConstraints().stream()
                  .anyMatch(t -> "kubernetes.io/hostname".equals(t.getTopologyKey()));
      if (!spreadAcrossNodes) {
        problems.add(name + ": replicas are not spread across nodes (topologySpreadConstraints)");
      }
      if (Mailroom.GATEWAYS.contains(name) && grace < 60) {
        problems.add(name + ": gateways need at least 60 s to drain IMAP/POP3 sessions");
      }
      // The gateway's own drain deadline must end before SIGKILL does.
      long sleep =
          preStop == null || preStop.getExec() == null
              ? 0
              : Long.parseLong(preStop.getExec().getCommand().get(1));
      ConfigMap config = render.get(ConfigMap.class, name);
      config.getData().entrySet().stream()
          .filter(
              e -> e.getKey().endsWith("_SHUTDOWN_GRACE") || e.getKey().endsWith("_GRACE_PERIOD"))
          .forEach(
              e -> {
                long drain =
                    java.time.Duration.parse("PT" + e.getValue().toUpperCase()).toSeconds();
                if (sleep + drain + 5 > grace) {
                  problems.add(
                      name
                          + ": "
                          + e.getKey()
                          + "="
                          + e.getValue()
                          + " plus preStop "
                          + sleep
                          + " s does not fit in "
                          + grace
                          + " s");
                }
              });
      Map<String, Integer> byName = new HashMap<>();
      ports(c).forEach(p -> byName.put(p.getName(), p.getContainerPort()));
      ConfigMap cm = render.get(ConfigMap.class, name);
      Mailroom.PORT_VARIABLES
          .get(name)
          .forEach(
              (variable, portName) -> {
                String value = cm.getData().get(variable);
                if (value == null || !value.equals(String.valueOf(byName.get(portName)))) {
                  problems.add(
                      name
                          + ": "
                          + variable
                          + "="
                          + value
                          + " but container port "
                          + portName
                          + " is "
                          + byName.get(portName));
                }
              });
      if (!"0.0.0.0".equals(cm.getData().get("MAILROOM_BIND_HOST"))) {
        problems.add(name + ": MAILROOM_BIND_HOST must be 0.0.0.0 in a pod");
      }
    }
    assertThat(problems).isEmpty();
  }

  private static void checkProbe(
      String name, String kind, Probe p, String path, Container c, List<String> problems) {
    if (p == null || p.getHttpGet() == null) {
      problems.add(name + ": no HTTP " + kind + " probe");
      return;
    }
    if (!path.equals(p.getHttpGet().getPath())) {
      problems.add(
          name + ": " + kind + " probe on " + p.getHttpGet().getPath() + ", expected " + path);
    }
    if (ports(c).stream().noneMatch(cp -> matches(cp, p.getHttpGet().getPort()))) {
      problems.add(
          name
              + ": "
              + kind
              + " probe port "
              + p.getHttpGet().getPort().getValue()
              + " is not a container port");
    }
  }

  static boolean matches(ContainerPort cp, IntOrString target) {
    return target.getIntVal() != null
        ? target.getIntVal().equals(cp.getContainerPort())
        : target.getStrVal().equals(cp.getName());
  }

  static List<Container> containers(PodSpec spec) {
    List<Container> all = new ArrayList<>(spec.getContainers());
    all.addAll(list(spec.getInitContainers()));
    return all;
  }

  static List<ContainerPort> ports(Container c) {
    return list(c.getPorts());
  }

  static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }

  private static Set<String> keys(Map<String, String> m) {
    return m == null ? Set.of() : m.keySet();
  }
}
