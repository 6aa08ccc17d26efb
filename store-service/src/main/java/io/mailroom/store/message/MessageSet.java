package io.mailroom.store.message;

import java.util.List;

/** The UIDs (ascending) of the messages a UID set names, and the octets they take together. */
public record MessageSet(List<Long> uids, long octets) {}
