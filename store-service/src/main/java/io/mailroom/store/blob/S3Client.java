package io.mailroom.store.blob;

import io.mailroom.store.config.S3Config;
import io.minio.MinioAsyncClient;
import io.minio.http.HttpUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import okhttp3.CertificatePinner;
import okhttp3.OkHttpClient;

/** One MinIO client for the application; its calls are asynchronous (OkHttp threads). */
@ApplicationScoped
public class S3Client {
  /** The SDK's own connect, write and read timeout. */
  private static final long TIMEOUT_MS = Duration.ofMinutes(5).toMillis();

  @Produces
  @Singleton
  MinioAsyncClient minio(S3Config config) {
    return MinioAsyncClient.builder()
        .endpoint(config.endpoint())
        .credentials(config.accessKey(), config.secretKey())
        .region(config.region())
        .httpClient(http(), true)
        .build();
  }

  /**
   * The SDK's default HTTP client, with a certificate pinner that holds the very chain cleaner the
   * client holds. The SDK builds a client of its own from this one for every PUT with a streamed
   * body (every blob upload: {@code httpClient.newBuilder().retryOnConnectionFailure(false)}), and
   * OkHttp compares the pinner's cleaner with the client's on each build: in the default client
   * they are two equal objects, so each build compared every trusted root certificate of the JDK
   * (about 1 ms of CPU per message stored, BasicTrustRootIndex.equals in the profiles). The same
   * object compares at once.
   */
  static OkHttpClient http() {
    return HttpUtils.newDefaultHttpClient(TIMEOUT_MS, TIMEOUT_MS, TIMEOUT_MS)
        .newBuilder()
        .certificatePinner(CertificatePinner.DEFAULT)
        .build();
  }
}
