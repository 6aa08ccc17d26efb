package io.mailroom.store.blob;

class InMemoryBlobStoreTest implements BlobStoreContract {
  private final InMemoryBlobStore store = new InMemoryBlobStore();

  @Override
  public BlobStore store() {
    return store;
  }
}
