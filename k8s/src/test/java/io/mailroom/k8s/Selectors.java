package io.mailroom.k8s;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/** Kubernetes label selector semantics, for checking what selects what. */
final class Selectors {
  private Selectors() {}

  /** A Service-style selector (plain map): every pair must be on the pod. Empty selects none. */
  static boolean matches(Map<String, String> selector, Map<String, String> labels) {
    return selector != null
        && !selector.isEmpty()
        && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  /** A LabelSelector: null selects nothing, an empty one selects everything. */
  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> ml = selector.getMatchLabels();
    if (ml != null
        && !ml.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
      return false;
    }
    List<LabelSelectorRequirement> exprs = selector.getMatchExpressions();
    return exprs == null || exprs.stream().allMatch(r -> matches(r, labels));
  }

  private static boolean matches(LabelSelectorRequirement r, Map<String, String> labels) {
    String value = labels.get(r.getKey());
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    return switch (r.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> throw new IllegalArgumentException("unknown selector operator " + r.getOperator());
    };
  }
}
