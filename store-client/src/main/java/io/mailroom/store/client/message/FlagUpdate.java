package io.mailroom.store.client.message;

import java.util.List;
import java.util.Optional;

/**
 * A change of flags for a set of messages. {@code unchangedSince} &gt; 0 is CONDSTORE's
 * UNCHANGEDSINCE (0 is unconditional: a gateway answers UNCHANGEDSINCE 0 itself); with an {@code
 * idempotencyKey}, a repeated update is answered as the first was, without applying it twice.
 */
public record FlagUpdate(
    FlagChange change, List<String> flags, long unchangedSince, Optional<String> idempotencyKey) {
  public FlagUpdate {
    flags = List.copyOf(flags);
  }

  public static FlagUpdate add(List<String> flags) {
    return new FlagUpdate(FlagChange.ADD, flags, 0, Optional.empty());
  }

  public static FlagUpdate remove(List<String> flags) {
    return new FlagUpdate(FlagChange.REMOVE, flags, 0, Optional.empty());
  }

  public static FlagUpdate replace(List<String> flags) {
    return new FlagUpdate(FlagChange.REPLACE, flags, 0, Optional.empty());
  }

  public FlagUpdate unchangedSince(long modseq) {
    return new FlagUpdate(change, flags, modseq, idempotencyKey);
  }

  public FlagUpdate once(String key) {
    return new FlagUpdate(change, flags, unchangedSince, Optional.of(key));
  }
}
