package io.mailroom.store.message;

import java.util.List;

/**
 * Messages taken out of a mailbox: their UIDs (ascending) and the content rows they referred to,
 * which go too unless another mailbox still holds a copy.
 */
public record Removal(List<Long> uids, List<Long> contentIds) {}
