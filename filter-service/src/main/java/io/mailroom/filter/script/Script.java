package io.mailroom.filter.script;

import java.time.OffsetDateTime;

/** One stored script. */
public record Script(
    String account,
    String name,
    String content,
    int version,
    boolean activeIncoming,
    boolean activeOutgoing,
    OffsetDateTime updatedAt) {

  public int size() {
    return content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  public boolean activeFor(Direction direction) {
    return direction == Direction.INCOMING ? activeIncoming : activeOutgoing;
  }
}
