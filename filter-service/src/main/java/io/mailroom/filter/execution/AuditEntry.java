package io.mailroom.filter.execution;

import java.time.OffsetDateTime;
import java.util.List;

/** One audit record: "why is this message here?". */
public record AuditEntry(
    String eventId,
    String account,
    String mailbox,
    long uid,
    String scriptName,
    Integer scriptVersion,
    List<String> actions,
    String outcome,
    String reason,
    OffsetDateTime at,
    List<MessageOutcome.Location> locations) {}
