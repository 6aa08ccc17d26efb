package io.mailroom.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The dev overlay's Deployments made playable by {@code podman kube play} on one machine, next to a
 * Mailroom suite that may already be running there (bin/tools/kube-smoke.sh):
 *
 * <ul>
 *   <li>hostNetwork, every port variable shifted by an offset, bound to 127.0.0.1;
 *   <li>ConfigMaps inlined as env and pointed at the local PostgreSQL, Kafka and S3;
 *   <li>Secret references replaced by values from the environment (podman 4.3 breaks secretKeyRef
 *       when a {@code kind: Secret} document is played);
 *   <li>Kafka consumer groups renamed, so the smoke pods never take partitions from the running
 *       suite's consumers;
 *   <li>what podman cannot use dropped: Services, startup probes, container port lists (clash on
 *       the host network), spread and affinity rules.
 * </ul>
 *
 * Test code with a main: run by the script, tested by {@link PodmanPlayTest}.
 */
final class PodmanPlay {
  private static final Pattern PORT_VARIABLE = Pattern.compile("MAILROOM_[A-Z0-9_]+_PORT");
  private static final Pattern GROUP_ID =
      Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.group\\.id");

  private PodmanPlay() {}

  /**
   * @param local the local engines' variables (MAILROOM_DB_HOST, MAILROOM_KAFKA, ...) and the
   *     secrets' values, by the name of the env variable that reads them
   * @param appProperties each service's application.properties, for settings with no variable (its
   *     internal gRPC port, its consumer groups)
   */
  static List<ObjectNode> forPodman(
      Render dev, Map<String, String> local, int offset, Map<String, Properties> appProperties) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode d : dev.docsOfKind("Deployment")) {
      String name = Kustomize.name(d);
      if (!Mailroom.SERVICES.contains(name)) {
        continue;
      }
      ObjectNode deployment = d.deepCopy();
      ((ObjectNode) deployment.get("metadata")).remove("namespace");
      ObjectNode spec = (ObjectNode) deployment.get("spec");
      spec.put("replicas", 1);
      ObjectNode pod = (ObjectNode) spec.at("/template/spec");
      pod.put("hostNetwork", true);
      pod.remove(List.of("topologySpreadConstraints", "affinity"));
      for (JsonNode c : pod.get("containers")) {
        rewrite((ObjectNode) c, dev, local, offset, appProperties.get(name), name);
        for (JsonNode m : c.path("volumeMounts")) {
          ((ObjectNode) m).put("name", name + "-" + m.get("name").asText());
        }
      }
      for (JsonNode v : pod.path("volumes")) {
        ((ObjectNode) v).put("name", name + "-" + v.get("name").asText());
      }
      out.add(deployment);
    }
    if (out.size() != Mailroom.SERVICES.size()) {
      throw new IllegalStateException("the dev overlay lacks a service Deployment: " + out.size());
    }
    // podman plays in file order: the store first, since every other pod waits for it.
    out.sort(java.util.Comparator.comparing(d -> Mailroom.SERVICES.indexOf(Kustomize.name(d))));
    return out;
  }

  private static void rewrite(
      ObjectNode c,
      Render dev,
      Map<String, String> local,
      int offset,
      Properties app,
      String service) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode from : c.path("envFrom")) {
      String cm = from.path("configMapRef").path("name").asText();
      dev.docsOfKind("ConfigMap").stream()
          .filter(m -> Kustomize.name(m).equals(cm))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no ConfigMap " + cm))
          .path("data")
          .fields()
          .forEachRemaining(
              e ->
                  env.put(
                      e.getKey(), localValue(e.getKey(), e.getValue().asText(), local, offset)));
    }
    for (JsonNode e : c.path("env")) {
      String variable = e.get("name").asText();
      if (e.has("value")) {
        env.put(variable, e.get("value").asText());
      } else if (e.has("valueFrom")) {
        env.put(variable, required(local, variable));
      }
    }
    if (app != null) {
      String grpc = app.getProperty("quarkus.grpc.server.port", "");
      if (grpc.matches("\\d+")) {
        env.put("QUARKUS_GRPC_SERVER_PORT", String.valueOf(Integer.parseInt(grpc) + offset));
      }
      for (String key : app.stringPropertyNames()) {
        var m = GROUP_ID.matcher(key);
        if (m.matches() && !app.getProperty(key).contains("${")) {
          env.put(envName(key), app.getProperty(key) + "-kube-smoke");
        }
      }
    }
    ArrayNode envArray = c.putArray("env");
    env.forEach((k, v) -> envArray.addObject().put("name", k).put("value", v));
    c.remove(List.of("envFrom", "ports", "startupProbe", "livenessProbe"));
    if (c.has("readinessProbe")) {
      // Ignored by podman, kept to show what a cluster would probe.
      ((ObjectNode) c.get("readinessProbe").get("httpGet"))
          .put("port", Integer.parseInt(httpPort(env, service)));
    }
  }

  static String localValue(String key, String value, Map<String, String> local, int offset) {
    return switch (key) {
      case "MAILROOM_BIND_HOST", "MAILROOM_STORE_HOST" -> "127.0.0.1";
      case "MAILROOM_DB_HOST", "MAILROOM_DB_PORT", "MAILROOM_KAFKA", "MAILROOM_S3_ENDPOINT" ->
          required(local, key);
      case "MAILROOM_DB_NAME" -> required(local, "KUBE_SMOKE_DB_NAME");
      case "MAILROOM_FILTER_DB_NAME" -> required(local, "KUBE_SMOKE_FILTER_DB_NAME");
      default ->
          PORT_VARIABLE.matcher(key).matches()
              ? String.valueOf(Integer.parseInt(value) + offset)
              : value;
    };
  }

  private static String httpPort(Map<String, String> env, String service) {
    return env.entrySet().stream()
        .filter(e -> e.getKey().endsWith("_HTTP_PORT"))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(service + " has no *_HTTP_PORT variable"));
  }

  private static String required(Map<String, String> local, String variable) {
    String v = local.get(variable);
    if (v == null || v.isEmpty()) {
      throw new IllegalStateException(
          variable + " is not set (eval \"$(bin/mailroom env)\" first)");
    }
    return v;
  }

  /** SmallRye Config's environment name of a property. */
  static String envName(String property) {
    return property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
  }

  /** The shifted value of every port variable of the dev overlay, as shell assignments. */
  static Map<String, String> ports(Render dev, int offset) {
    Map<String, String> ports = new TreeMap<>();
    dev.docsOfKind("ConfigMap")
        .forEach(
            cm ->
                cm.path("data")
                    .fields()
                    .forEachRemaining(
                        e -> {
                          if (PORT_VARIABLE.matcher(e.getKey()).matches()
                              && !e.getKey().equals("MAILROOM_DB_PORT")) {
                            ports.put(
                                e.getKey(),
                                String.valueOf(Integer.parseInt(e.getValue().asText()) + offset));
                          }
                        }));
    return ports;
  }

  /** Usage: PodmanPlay OUTPUT.yaml OFFSET — writes the pods, prints the ports as shell lines. */
  public static void main(String[] args) throws IOException {
    Path output = Path.of(args[0]);
    int offset = Integer.parseInt(args[1]);
    Render dev = Render.of("overlays/dev", Renderer.available().get(0));
    Map<String, Properties> app = new TreeMap<>();
    for (String s : Mailroom.SERVICES) {
      Path p =
          Render.k8sDir().getParent().resolve(s + "/src/main/resources/application.properties");
      if (Files.isRegularFile(p)) {
        Properties props = new Properties();
        try (var in = Files.newInputStream(p)) {
          props.load(in);
        }
        app.put(s, props);
      }
    }
    StringBuilder yaml = new StringBuilder();
    for (ObjectNode d : forPodman(dev, System.getenv(), offset, app)) {
      yaml.append(Yaml.MAPPER.writeValueAsString(d));
    }
    Files.deleteIfExists(output);
    Files.createFile(
        output, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(output, yaml);
    ports(dev, offset).forEach((k, v) -> System.out.println(k + "=" + v));
    System.out.println("# rendered with " + dev.renderer().name().toLowerCase());
  }
}
