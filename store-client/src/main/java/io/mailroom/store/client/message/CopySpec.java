package io.mailroom.store.client.message;

import java.util.List;
import java.util.Optional;

/**
 * Where COPY or MOVE puts messages: the target by name, created first when {@code createTarget}
 * (Sieve fileinto :create), the copies given {@code addFlags} (Sieve :flags); with an {@code
 * idempotencyKey} a repeated copy makes no second copy.
 */
public record CopySpec(
    String target,
    boolean move,
    boolean createTarget,
    List<String> addFlags,
    Optional<String> idempotencyKey) {
  public CopySpec {
    addFlags = List.copyOf(addFlags);
  }

  public static CopySpec copyTo(String target) {
    return new CopySpec(target, false, false, List.of(), Optional.empty());
  }

  public static CopySpec moveTo(String target) {
    return new CopySpec(target, true, false, List.of(), Optional.empty());
  }

  public CopySpec creatingTarget() {
    return new CopySpec(target, move, true, addFlags, idempotencyKey);
  }

  public CopySpec addingFlags(List<String> flags) {
    return new CopySpec(target, move, createTarget, flags, idempotencyKey);
  }

  public CopySpec once(String key) {
    return new CopySpec(target, move, createTarget, addFlags, Optional.of(key));
  }
}
