package io.mailroom.store.blob;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A BlobStore in memory, for unit tests of code that needs one. */
final class InMemoryBlobStore implements BlobStore {
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();

  @Override
  public Uni<Void> put(String key, Path file, long size) {
    try {
      blobs.putIfAbsent(key, Files.readAllBytes(file));
      return Uni.createFrom().voidItem();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Multi<byte[]> read(String key, long offset, long length, int chunkSize) {
    byte[] blob = blobs.get(key);
    if (blob == null || blob.length < offset + length) {
      return Multi.createFrom()
          .failure(new MissingBlob(key, blob == null ? "no such object" : "shorter"));
    }
    List<byte[]> chunks = new ArrayList<>();
    for (long at = offset; at < offset + length; at += chunkSize) {
      chunks.add(
          Arrays.copyOfRange(blob, (int) at, (int) Math.min(at + chunkSize, offset + length)));
    }
    return Multi.createFrom().iterable(chunks);
  }

  @Override
  public Multi<BlobInfo> list() {
    return Multi.createFrom()
        .iterable(
            blobs.entrySet().stream()
                .map(e -> new BlobInfo(e.getKey(), e.getValue().length, Instant.now()))
                .toList());
  }

  @Override
  public Uni<Void> delete(String key) {
    blobs.remove(key);
    return Uni.createFrom().voidItem();
  }
}
