package io.mailroom.store.blob;

/**
 * A message body the metadata points at and the blob store does not hold, or holds shorter than
 * recorded: data lost under the store (a bucket restored from an old backup, an object deleted by
 * hand). Asking again will not help, so callers are told so (gRPC DATA_LOSS) rather than "try
 * again".
 */
public final class MissingBlob extends RuntimeException {
  public MissingBlob(String key, String what) {
    super("blob " + key + ": " + what);
  }
}
