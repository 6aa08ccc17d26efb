package io.mailroom.filter.execution;

import java.util.List;

/**
 * One store call a plan makes for one message. Flat (not sealed) so the plan stores as JSON and
 * replays after a crash exactly as first planned.
 *
 * @param kind COPY (fileinto), FLAGS (keep :flags / flags on the kept message) or EXPUNGE (discard,
 *     or the source's removal after a fileinto that ends with a copy)
 */
public record StoreStep(
    Kind kind, String target, boolean move, boolean create, List<String> flags, String action) {

  public enum Kind {
    COPY,
    FLAGS,
    EXPUNGE
  }

  public StoreStep {
    flags = flags == null ? List.of() : List.copyOf(flags);
  }
}
