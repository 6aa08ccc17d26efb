package io.mailroom.bench.imap;

/**
 * The session itself broke, as opposed to a NO or BAD (which is an {@link ImapReply}). The kind is
 * one of the driver's error buckets.
 */
public final class ImapFailure extends RuntimeException {

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

  public ImapFailure(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** The error bucket of any failure a session future ends with. */
  public static String bucketOf(Throwable failure) {
    return failure instanceof ImapFailure imap ? imap.kind().bucket() : "other";
  }
}
