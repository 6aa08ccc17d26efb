package io.mailroom.filter.store;

import java.util.List;
import java.util.Optional;

/** One message as the filter needs it: header section, size, flags, and maybe the whole. */
public record FetchedMessage(
    long uid, long size, List<String> flags, byte[] header, Optional<byte[]> whole) {}
