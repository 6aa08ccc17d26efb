package io.mailroom.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One rendered kustomization (base, deps, an overlay): its documents as trees and, for the built-in
 * kinds, as typed fabric8 objects.
 */
record Render(String dir, Renderer renderer, List<ObjectNode> docs, List<HasMetadata> typed) {

  /** The kustomization directories under k8s/ that are validated. */
  static final List<String> DIRS = List.of("base", "deps", "overlays/dev", "overlays/prod");

  private static final Map<String, Render> CACHE = new ConcurrentHashMap<>();

  static Path k8sDir() {
    return Path.of(System.getProperty("mailroom.k8s.dir", ".")).toAbsolutePath().normalize();
  }

  static Render of(String dir, Renderer renderer) {
    return CACHE.computeIfAbsent(
        dir + "@" + renderer,
        k -> {
          List<ObjectNode> docs = renderer.render(k8sDir().resolve(dir));
          List<HasMetadata> typed = new ArrayList<>();
          for (ObjectNode d : docs) {
            Typed.of(d).ifPresent(typed::add);
          }
          return new Render(dir, renderer, docs, List.copyOf(typed));
        });
  }

  /** Every validated render: each directory with each available renderer. */
  static List<Render> all() {
    List<Render> all = new ArrayList<>();
    for (Renderer r : Renderer.available()) {
      for (String d : DIRS) {
        all.add(of(d, r));
      }
    }
    return all;
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return typed.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
    return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
  }

  <T extends HasMetadata> T get(Class<T> type, String name) {
    return find(type, name)
        .orElseThrow(() -> new AssertionError(this + ": no " + type.getSimpleName() + " " + name));
  }

  List<ObjectNode> docsOfKind(String kind) {
    return docs.stream().filter(d -> kind.equals(Kustomize.kind(d))).toList();
  }

  /** Everything that makes pods here, with the template of those pods. */
  List<Workload> workloads() {
    List<Workload> w = new ArrayList<>();
    all(Deployment.class)
        .forEach(d -> w.add(new Workload(d, d.getSpec().getTemplate(), d.getSpec().getSelector())));
    all(StatefulSet.class)
        .forEach(s -> w.add(new Workload(s, s.getSpec().getTemplate(), s.getSpec().getSelector())));
    all(Job.class).forEach(j -> w.add(new Workload(j, j.getSpec().getTemplate(), null)));
    return w;
  }

  @Override
  public String toString() {
    return dir + " (" + renderer.name().toLowerCase() + ")";
  }

  /** A Deployment, StatefulSet or Job and the pods it makes. */
  record Workload(
      HasMetadata owner,
      PodTemplateSpec template,
      io.fabric8.kubernetes.api.model.LabelSelector selector) {
    String name() {
      return owner.getKind() + "/" + owner.getMetadata().getName();
    }

    Map<String, String> podLabels() {
      Map<String, String> l = template.getMetadata().getLabels();
      return l == null ? Map.of() : l;
    }

    boolean longRunning() {
      return !(owner instanceof Job);
    }
  }
}
