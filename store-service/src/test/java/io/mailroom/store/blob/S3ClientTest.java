package io.mailroom.store.blob;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.http.HttpUtils;
import okhttp3.CertificatePinner;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * The MinIO SDK derives a client from ours for every blob upload; OkHttp then compares the
 * certificate pinner's chain cleaner with the client's. Only when they are one object is that
 * comparison free of a walk over every trusted root certificate.
 */
class S3ClientTest {

  @Test
  void theClientsPinnerHoldsTheClientsOwnChainCleaner() throws Exception {
    OkHttpClient http = S3Client.http();

    assertThat(pinnersCleaner(http)).isSameAs(http.certificateChainCleaner());
  }

  @Test
  void soDoesEveryClientTheSdkDerivesForAnUpload() throws Exception {
    OkHttpClient upload = S3Client.http().newBuilder().retryOnConnectionFailure(false).build();

    assertThat(pinnersCleaner(upload)).isSameAs(upload.certificateChainCleaner());
  }

  @Test
  void theSdksDefaultClientDoesNot() throws Exception {
    // What S3Client works around: if this starts to hold, the SDK's default client will do.
    OkHttpClient sdk = HttpUtils.newDefaultHttpClient(1000, 1000, 1000);

    assertThat(pinnersCleaner(sdk)).isNotSameAs(sdk.certificateChainCleaner());
  }

  private static Object pinnersCleaner(OkHttpClient client) throws Exception {
    var field = CertificatePinner.class.getDeclaredField("certificateChainCleaner");
    field.setAccessible(true);
    return field.get(client.certificatePinner());
  }
}
