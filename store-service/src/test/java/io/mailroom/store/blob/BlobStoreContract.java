package io.mailroom.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every BlobStore must do; run against the S3 adapter and the in-memory fake. */
interface BlobStoreContract {

  BlobStore store();

  private String put(String content) throws Exception {
    String key = "contract-" + System.nanoTime();
    Path file = Files.createTempFile("blob", ".eml");
    try {
      Files.writeString(file, content);
      store().put(key, file, Files.size(file)).await().indefinitely();
    } finally {
      Files.deleteIfExists(file);
    }
    return key;
  }

  private byte[] read(String key, long offset, long length, int chunk) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<byte[]> chunks =
        store().read(key, offset, length, chunk).collect().asList().await().indefinitely();
    chunks.forEach(
        c -> {
          assertThat(c.length).isLessThanOrEqualTo(chunk);
          out.writeBytes(c);
        });
    return out.toByteArray();
  }

  @Test
  default void readsWholeAndRangesInBoundedChunks() throws Exception {
    String content = "0123456789".repeat(100);
    String key = put(content);
    assertThat(new String(read(key, 0, content.length(), 64), StandardCharsets.US_ASCII))
        .isEqualTo(content);
    assertThat(new String(read(key, 15, 30, 7), StandardCharsets.US_ASCII))
        .isEqualTo(content.substring(15, 45));
    assertThat(read(key, 10, 0, 7)).isEmpty();
  }

  @Test
  default void putOfAnExistingKeyKeepsTheContentAndDeleteRemovesIt() throws Exception {
    String key = put("same content");
    Path file = Files.createTempFile("blob", ".eml");
    try {
      Files.writeString(file, "same content");
      store().put(key, file, Files.size(file)).await().indefinitely();
    } finally {
      Files.deleteIfExists(file);
    }
    assertThat(
            store().list().map(BlobStore.BlobInfo::key).collect().asList().await().indefinitely())
        .contains(key);
    store().delete(key).await().indefinitely();
    assertThat(
            store().list().map(BlobStore.BlobInfo::key).collect().asList().await().indefinitely())
        .doesNotContain(key);
  }

  @Test
  default void aBodyThatIsNotThereIsAMissingBlob() throws Exception {
    String key = put("soon gone");
    store().delete(key).await().indefinitely();
    assertThatThrownBy(() -> read(key, 0, 9, 64)).isInstanceOf(MissingBlob.class);
    String shorter = put("short");
    assertThatThrownBy(() -> read(shorter, 0, 50, 64)).isInstanceOf(MissingBlob.class);
  }
}
