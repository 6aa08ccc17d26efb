package io.mailroom.bench.pop3;

/**
 * The session itself failed (timeout, disconnect, a line that is no POP3 status), as opposed to a
 * -ERR reply. The kind names the driver's error bucket.
 */
public final class Pop3Failure extends RuntimeException {

  public enum Kind {
    TIMEOUT("timeout"),
    DISCONNECT("disconnect"),
    PROTOCOL("protocol");

    private final String bucket;

    Kind(String bucket) {
      this.bucket = bucket;
    }

    public String bucket() {
      return bucket;
    }
  }

  private final Kind kind;

  public Pop3Failure(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
