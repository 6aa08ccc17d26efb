package io.mailroom.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;

/** Reading a pod spec whose optional lists may be absent. */
final class Pods {
  private Pods() {}

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
}
