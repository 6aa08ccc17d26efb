package io.mailroom.store.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.StoreClient;
import io.mailroom.store.blob.BlobStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BlobSweeperTest {
  @Inject BlobSweeper sweeper;
  @Inject BlobStore blobs;

  private List<String> keys() {
    return blobs.list().map(BlobStore.BlobInfo::key).collect().asList().await().indefinitely();
  }

  @Test
  void removesOnlyBlobsNoRowRefersTo() throws Exception {
    StoreClient user = StoreClient.create("sweep");
    user.append("INBOX", StoreClient.message("kept", "referenced body"));
    Path file = Files.createTempFile("orphan", ".eml");
    String orphan = "0000orphan" + System.nanoTime();
    try {
      Files.writeString(file, "Subject: orphan\r\n\r\nnobody points here\r\n");
      blobs.put(orphan, file, Files.size(file)).await().indefinitely();
    } finally {
      Files.deleteIfExists(file);
    }
    assertThat(keys()).contains(orphan);
    int before = keys().size();

    assertThat(sweeper.sweep(Duration.ofDays(1))).isZero();
    int removed = sweeper.sweep(Duration.ZERO);
    assertThat(removed).isPositive();
    assertThat(keys()).doesNotContain(orphan).hasSize(before - removed);

    var got = new io.mailroom.store.grpc.FetchedBody(user, "INBOX", 1);
    assertThat(got.text()).contains("referenced body");
  }
}
