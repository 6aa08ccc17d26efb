package io.mailroom.bench;

/**
 * An IMAP, POP3 or LMTP session itself broke (timeout, disconnect, a line that is no reply of its
 * protocol), as opposed to a negative reply, which a session returns as a value. The kind is one of
 * the driver's error buckets.
 */
public final class SessionFailure extends RuntimeException {

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

  public SessionFailure(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** The error bucket of any failure a session future ends with. */
  public static String bucketOf(Throwable failure) {
    return failure instanceof SessionFailure session ? session.kind().bucket() : "other";
  }
}
