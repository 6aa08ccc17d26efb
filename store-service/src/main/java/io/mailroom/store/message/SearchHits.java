package io.mailroom.store.message;

import java.util.List;

/** What SEARCH found: the matching UIDs (ascending) and their highest MODSEQ (CONDSTORE). */
public record SearchHits(List<Long> uids, long highestModseq) {}
