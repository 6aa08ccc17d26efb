package io.mailroom.store.health;

import io.mailroom.store.config.S3Config;
import io.minio.BucketExistsArgs;
import io.minio.MinioAsyncClient;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The store cannot serve a body without S3: not ready until the bucket answers. */
@Readiness
@ApplicationScoped
public class S3ReadinessCheck implements AsyncHealthCheck {

  private final MinioAsyncClient minio;
  private final S3Config config;

  S3ReadinessCheck(MinioAsyncClient minio, S3Config config) {
    this.minio = minio;
    this.config = config;
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    var name = "s3 " + config.endpoint() + " bucket " + config.bucket();
    try {
      return Uni.createFrom()
          .completionStage(
              minio.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build()))
          .ifNoItem()
          .after(Duration.ofSeconds(3))
          .fail()
          .map(
              exists ->
                  HealthCheckResponse.named(name)
                      .status(exists)
                      .withData("bucket", exists ? "present" : "missing")
                      .build())
          .onFailure()
          .recoverWithItem(
              e ->
                  HealthCheckResponse.named(name)
                      .down()
                      .withData("error", String.valueOf(e.getMessage()))
                      .build());
    } catch (Exception e) {
      return Uni.createFrom().item(HealthCheckResponse.named(name).down().build());
    }
  }
}
