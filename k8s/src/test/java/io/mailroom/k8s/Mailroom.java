package io.mailroom.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the manifests are expected to say about Mailroom itself. */
final class Mailroom {
  static final List<String> SERVICES =
      List.of("store-service", "imap-gateway", "pop3-gateway", "filter-service");
  static final List<String> GATEWAYS = List.of("imap-gateway", "pop3-gateway");

  /**
   * ConfigMap port variables and the container port (by name) each one must equal, so that a
   * changed port cannot leave the Service, the probe and the process disagreeing.
   */
  static final Map<String, Map<String, String>> PORT_VARIABLES =
      Map.of(
          "store-service",
              Map.of(
                  "MAILROOM_STORE_HTTP_PORT", "http",
                  "MAILROOM_STORE_GRPC_PORT", "grpc",
                  "MAILROOM_LMTP_PORT", "lmtp"),
          "imap-gateway",
              Map.of(
                  "MAILROOM_IMAP_HTTP_PORT", "http",
                  "MAILROOM_IMAP_PORT", "imap",
                  "MAILROOM_IMAPS_PORT", "imaps"),
          "pop3-gateway",
              Map.of(
                  "MAILROOM_POP3_HTTP_PORT", "http",
                  "MAILROOM_POP3_PORT", "pop3",
                  "MAILROOM_POP3S_PORT", "pop3s"),
          "filter-service",
              Map.of(
                  "MAILROOM_FILTER_HTTP_PORT", "http", "MAILROOM_MANAGESIEVE_PORT", "managesieve"));

  /**
   * Secrets that operators make, not secrets.example.yaml: name → (the custom resource that makes
   * it, the keys it has). CloudNativePG writes CLUSTER-app for a Cluster's owner.
   */
  record OperatorSecret(String kind, String owner, Set<String> keys) {}

  static final Map<String, OperatorSecret> OPERATOR_SECRETS =
      Map.of(
          "mailroom-pg-app",
          new OperatorSecret(
              "Cluster",
              "mailroom-pg",
              Set.of(
                  "username", "password", "host", "port", "dbname", "uri", "jdbc-uri", "pgpass")));

  /**
   * Services that operators make from the custom resources in k8s/deps, by the operators' naming
   * rules: name → (kind, resource that makes it).
   */
  static final Map<String, List<String>> OPERATOR_SERVICES =
      Map.of(
          "mailroom-pg-rw", List.of("Cluster", "mailroom-pg"),
          "mailroom-kafka-kafka-bootstrap", List.of("Kafka", "mailroom-kafka"));

  /** Labels of the pods operators make (for NetworkPolicies that select them). */
  static final List<Map<String, String>> OPERATOR_POD_LABELS =
      List.of(
          Map.of("cnpg.io/cluster", "mailroom-pg"), Map.of("strimzi.io/cluster", "mailroom-kafka"));

  static List<ObjectNode> exampleSecrets() {
    return Yaml.readAll(Render.k8sDir().resolve("base/secrets.example.yaml"));
  }

  static Path k8s() {
    return Render.k8sDir();
  }

  private Mailroom() {}
}
