package io.mailroom.store.blob;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The S3 adapter against the real S3 server of `bin/mailroom env`. */
@QuarkusTest
class S3BlobStoreTest implements BlobStoreContract {
  @Inject BlobStore store;

  @Override
  public BlobStore store() {
    return store;
  }
}
