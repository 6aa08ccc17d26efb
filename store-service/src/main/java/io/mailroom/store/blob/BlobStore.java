package io.mailroom.store.blob;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.nio.file.Path;
import java.time.Instant;

/** Where message bodies live, content-addressed by sha-256. Immutable once written. */
public interface BlobStore {

  /** An object in the store. */
  record BlobInfo(String key, long size, Instant lastModified) {}

  /** Writes the file under key unless an object is already there (the content is the same). */
  Uni<Void> put(String key, Path file, long size);

  /** Octets [offset, offset + length) in chunks of at most chunkSize, read lazily. */
  Multi<byte[]> read(String key, long offset, long length, int chunkSize);

  /** Every object, for the sweeper. */
  Multi<BlobInfo> list();

  Uni<Void> delete(String key);
}
