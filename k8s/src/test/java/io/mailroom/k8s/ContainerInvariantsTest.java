package io.mailroom.k8s;

import static io.mailroom.k8s.Pods.containers;
import static io.mailroom.k8s.Pods.list;
import static io.mailroom.k8s.Pods.matches;
import static io.mailroom.k8s.Pods.ports;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every container must carry (probes, resources, a locked-down security context), and what the
 * four Mailroom services add: Quarkus's health endpoints, a drain before SIGTERM, replicas spread
 * across nodes, ports that agree with their configuration.
 */
class ContainerInvariantsTest {

  static Stream<Render> renders() {
    return Render.all().stream();
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
}
