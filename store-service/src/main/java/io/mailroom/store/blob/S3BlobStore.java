package io.mailroom.store.blob;

import io.mailroom.store.config.S3Config;
import io.mailroom.store.config.SweeperConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The S3 adapter (MinIO SDK). The SDK's stream reads block, so every call runs on a worker thread.
 */
@ApplicationScoped
public class S3BlobStore implements BlobStore {
  private static final Logger LOG = Logger.getLogger(S3BlobStore.class);

  private final MinioAsyncClient minio;
  private final String bucket;
  private final Duration refreshAfter;
  private final Counter reads;
  private final Counter bytesRead;

  S3BlobStore(
      MinioAsyncClient minio, S3Config config, SweeperConfig sweeper, MeterRegistry meters) {
    this.minio = minio;
    // Counts body reads: the proof that listing a mailbox never touches S3.
    this.reads =
        Counter.builder("mailroom.blob.reads")
            .description("ranged GETs of message bodies from S3")
            .register(meters);
    this.bytesRead =
        Counter.builder("mailroom.blob.read.bytes")
            .description("octets requested from S3 by ranged GETs")
            .baseUnit("bytes")
            .register(meters);
    this.bucket = config.bucket();
    // A blob the sweeper could soon judge old is written again, so that a new row never points at
    // a blob being swept.
    this.refreshAfter = sweeper.grace().dividedBy(2);
  }

  void createBucket(@Observes StartupEvent start) {
    try {
      if (!minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()).get()) {
        minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build()).get();
        LOG.infof("created bucket %s", bucket);
      }
    } catch (Exception e) {
      LOG.warnf("bucket %s not checked at start: %s", bucket, e.toString());
    }
  }

  @Override
  public Uni<Void> put(String key, Path file, long size) {
    return blocking(
        () -> {
          StatObjectResponse stat = stat(key);
          if (stat != null
              && stat.size() == size
              && stat.lastModified().toInstant().isAfter(Instant.now().minus(refreshAfter))) {
            return null;
          }
          minio
              .uploadObject(
                  UploadObjectArgs.builder()
                      .bucket(bucket)
                      .object(key)
                      .filename(file.toString())
                      .contentType("message/rfc822")
                      .build())
              .get();
          return null;
        });
  }

  private StatObjectResponse stat(String key) throws Exception {
    try {
      return minio.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).get();
    } catch (ExecutionException e) {
      if (noSuchKey(e)) {
        return null;
      }
      throw e;
    }
  }

  @Override
  public Multi<byte[]> read(String key, long offset, long length, int chunkSize) {
    if (length <= 0) {
      return Multi.createFrom().empty();
    }
    AtomicLong remaining = new AtomicLong(length);
    return Multi.createFrom()
        .resource(
            () -> open(key, offset, length),
            stream ->
                Multi.createBy()
                    .repeating()
                    .uni(() -> blocking(() -> next(key, stream, remaining, chunkSize)))
                    .until(chunk -> chunk.length == 0))
        .withFinalizer(S3BlobStore::closeQuietly)
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  private GetObjectResponse open(String key, long offset, long length) {
    reads.increment();
    bytesRead.increment(length);
    try {
      return minio
          .getObject(
              GetObjectArgs.builder()
                  .bucket(bucket)
                  .object(key)
                  .offset(offset)
                  .length(length)
                  .build())
          .get();
    } catch (Exception e) {
      if (noSuchKey(e)) {
        throw new MissingBlob(key, "no such object");
      }
      throw new IllegalStateException("cannot read blob " + key, e);
    }
  }

  private static boolean noSuchKey(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ErrorResponseException err
          && "NoSuchKey".equals(err.errorResponse().code())) {
        return true;
      }
    }
    return false;
  }

  private static byte[] next(String key, InputStream stream, AtomicLong remaining, int chunkSize)
      throws IOException {
    int want = (int) Math.min(chunkSize, remaining.get());
    if (want == 0) {
      return new byte[0];
    }
    byte[] chunk = stream.readNBytes(want);
    if (chunk.length < want) {
      throw new MissingBlob(key, "shorter than its recorded size");
    }
    remaining.addAndGet(-chunk.length);
    return chunk.length == want ? chunk : Arrays.copyOf(chunk, chunk.length);
  }

  private static void closeQuietly(InputStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Multi<BlobInfo> list() {
    return Multi.createFrom()
        .<io.minio.Result<Item>>iterable(
            () ->
                minio
                    .listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())
                    .iterator())
        .map(
            result -> {
              try {
                Item item = result.get();
                return new BlobInfo(
                    item.objectName(), item.size(), item.lastModified().toInstant());
              } catch (Exception e) {
                throw new IllegalStateException("cannot list bucket " + bucket, e);
              }
            })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  @Override
  public Uni<Void> delete(String key) {
    return blocking(
        () -> {
          minio.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build()).get();
          return null;
        });
  }

  private interface Blocking<T> {
    T run() throws Exception;
  }

  private static <T> Uni<T> blocking(Blocking<T> work) {
    return Uni.createFrom()
        .<T>item(
            () -> {
              try {
                return work.run();
              } catch (RuntimeException e) {
                throw e;
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }
}
