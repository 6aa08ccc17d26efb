package io.mailroom.pop3.response;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** What the server answers to one command; only {@link ReplyWriter} turns it into bytes. */
public sealed interface Reply {
  /** The status line: "+OK text" or "-ERR [CODE] text". */
  Status status();

  record Status(boolean ok, Optional<ResponseCode> code, String text) implements Reply {
    public Status status() {
      return this;
    }
  }

  /** RFC 5034's "+ " continuation during AUTH: the exchange goes on, nothing is decided yet. */
  record Continuation(String challenge) implements Reply {
    public Status status() {
      return new Status(true, Optional.empty(), "");
    }
  }

  /** A status line followed by short lines (LIST, UIDL, CAPA) and the terminating ".". */
  record Lines(Status status, List<String> lines) implements Reply {}

  /**
   * A status line followed by a message streamed from the store (RETR, TOP). The status line is
   * sent only when the first chunk (or the end) arrives, so a store failure before any byte can
   * still be answered with -ERR. {@code afterSent} runs once the terminating "." is written.
   */
  record Stream(
      Status status,
      Multi<byte[]> body,
      java.util.function.Function<Throwable, Status> failureBeforeFirstByte,
      Supplier<Uni<Void>> afterSent)
      implements Reply {}

  static Status ok(String text) {
    return new Status(true, Optional.empty(), text);
  }

  static Status err(String text) {
    return new Status(false, Optional.empty(), text);
  }

  static Status err(ResponseCode code, String text) {
    return new Status(false, Optional.of(code), text);
  }
}
