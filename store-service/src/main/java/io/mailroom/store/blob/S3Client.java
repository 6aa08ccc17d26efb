package io.mailroom.store.blob;

import io.mailroom.store.config.S3Config;
import io.minio.MinioAsyncClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One MinIO client for the application; its calls are asynchronous (OkHttp threads). */
@ApplicationScoped
public class S3Client {

  @Produces
  @Singleton
  MinioAsyncClient minio(S3Config config) {
    return MinioAsyncClient.builder()
        .endpoint(config.endpoint())
        .credentials(config.accessKey(), config.secretKey())
        .region(config.region())
        .build();
  }
}
