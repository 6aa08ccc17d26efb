package io.mailroom.store.message;

import java.util.List;

/** What a session keeps of a message: its UID, flags and MODSEQ. */
public record MessageState(long uid, List<String> flags, long modseq) {}
