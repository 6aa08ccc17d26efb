package io.mailroom.bench.lmtp;

/**
 * The session itself failed, as opposed to a negative reply (which is an {@link LmtpReply}). The
 * kind is one of the driver's error buckets.
 */
public final class LmtpFailure extends RuntimeException {

  public enum Kind {
    TIMEOUT("timeout"),
    DISCONNECT("disconnect"),
    PROTOCOL("protocol");

    private final String bucket;

    Kind(String bucket) {
      this.bucket = bucket;
    }

    /** The key under which the result JSON counts this error. */
    public String bucket() {
      return bucket;
    }
  }

  private final Kind kind;

  public LmtpFailure(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
