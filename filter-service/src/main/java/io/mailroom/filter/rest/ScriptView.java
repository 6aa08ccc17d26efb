package io.mailroom.filter.rest;

import io.mailroom.filter.script.Script;
import java.time.OffsetDateTime;

/** A script as listed by the REST API (without its content). */
public record ScriptView(
    String name,
    int version,
    int size,
    boolean activeIncoming,
    boolean activeOutgoing,
    OffsetDateTime updatedAt) {
  static ScriptView of(Script script) {
    return new ScriptView(
        script.name(),
        script.version(),
        script.size(),
        script.activeIncoming(),
        script.activeOutgoing(),
        script.updatedAt());
  }
}
