package io.mailroom.store.events;

import io.mailroom.persistence.Transactions;
import io.mailroom.store.blob.BlobStore;
import io.mailroom.store.config.SweeperConfig;
import io.mailroom.store.persistence.ContentRows;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Removes blobs no content row refers to. Blobs are written before their rows, so a young blob may
 * be waiting for its row: only blobs older than the grace period are considered.
 */
@ApplicationScoped
public class BlobSweeper {
  private static final Logger LOG = Logger.getLogger(BlobSweeper.class);
  private static final int BATCH = 500;

  private final BlobStore blobs;
  private final Transactions tx;
  private final ContentRows contents;
  private final SweeperConfig config;

  BlobSweeper(BlobStore blobs, Transactions tx, ContentRows contents, SweeperConfig config) {
    this.blobs = blobs;
    this.tx = tx;
    this.contents = contents;
    this.config = config;
  }

  @Scheduled(
      every = "${mailroom.sweeper.every:1h}",
      delayed = "${mailroom.sweeper.delay:10m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      int removed = sweep(config.grace());
      if (removed > 0) {
        LOG.infof("swept %d unreferenced blobs", removed);
      }
    } catch (RuntimeException e) {
      LOG.warnf("blob sweep failed: %s", e.toString());
    }
  }

  /** Blocking; returns how many blobs were removed. */
  public int sweep(Duration grace) {
    Instant cutoff = Instant.now().minus(grace);
    List<List<String>> batches =
        blobs
            .list()
            .filter(b -> b.lastModified().isBefore(cutoff) || grace.isZero())
            .map(BlobStore.BlobInfo::key)
            .group()
            .intoLists()
            .of(BATCH)
            .collect()
            .asList()
            .await()
            .indefinitely();
    int removed = 0;
    for (List<String> keys : batches) {
      Set<String> referenced =
          new HashSet<>(
              tx.read(session -> contents.referencedBlobs(session, keys)).await().indefinitely());
      for (String key : keys) {
        if (!referenced.contains(key)) {
          blobs.delete(key).await().indefinitely();
          removed++;
        }
      }
    }
    return removed;
  }
}
