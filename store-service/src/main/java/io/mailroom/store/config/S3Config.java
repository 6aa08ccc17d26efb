package io.mailroom.store.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where message bodies live: any S3 API (MinIO in Kubernetes, S3Proxy locally). */
@ConfigMapping(prefix = "mailroom.s3")
public interface S3Config {
  String endpoint();

  String accessKey();

  String secretKey();

  @WithDefault("mailroom")
  String bucket();

  @WithDefault("us-east-1")
  String region();
}
