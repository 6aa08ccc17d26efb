package io.mailroom.store.blob;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the octets the store has actually pulled from its BlobStore, and the reads still open. The
 * store's own metric (mailroom.blob.read.bytes) counts the length a ranged GET asks for when it
 * opens, which is the whole section at once, so it cannot show whether a stream reads ahead of its
 * client.
 */
@Decorator
@Priority(1)
public class ReadCountingBlobStore implements BlobStore {
  private static final AtomicLong OCTETS = new AtomicLong();
  private static final AtomicInteger OPEN = new AtomicInteger();

  private final BlobStore delegate;

  @Inject
  ReadCountingBlobStore(@Delegate BlobStore delegate) {
    this.delegate = delegate;
  }

  /** Octets handed out by read() since the JVM started. */
  public static long octetsRead() {
    return OCTETS.get();
  }

  /** Reads subscribed to and neither finished nor cancelled. */
  public static int openReads() {
    return OPEN.get();
  }

  @Override
  public Multi<byte[]> read(String key, long offset, long length, int chunkSize) {
    return delegate
        .read(key, offset, length, chunkSize)
        .onSubscription()
        .invoke(OPEN::incrementAndGet)
        .onItem()
        .invoke(chunk -> OCTETS.addAndGet(chunk.length))
        .onTermination()
        .invoke(OPEN::decrementAndGet);
  }

  @Override
  public Uni<Void> put(String key, Path file, long size) {
    return delegate.put(key, file, size);
  }

  @Override
  public Multi<BlobInfo> list() {
    return delegate.list();
  }

  @Override
  public Uni<Void> delete(String key) {
    return delegate.delete(key);
  }
}
