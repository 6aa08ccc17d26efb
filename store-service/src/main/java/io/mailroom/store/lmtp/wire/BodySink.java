package io.mailroom.store.lmtp.wire;

import io.vertx.core.buffer.Buffer;

/** Receives a message body, already CRLF-normalised and dot-unstuffed, in chunks. */
@FunctionalInterface
public interface BodySink {
  void write(Buffer chunk);
}
