package io.mailroom.store.client.health;

import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * A caller of the store is useless without it: ready only while the store's gRPC health says so.
 * Every service that depends on this module gets this check (gRPC client "store").
 */
@Readiness
@ApplicationScoped
public class StoreReadinessCheck implements AsyncHealthCheck {

  @GrpcClient("store")
  grpc.health.v1.Health store;

  @Override
  public Uni<HealthCheckResponse> call() {
    return store
        .check(HealthCheckRequest.newBuilder().build())
        .ifNoItem()
        .after(Duration.ofSeconds(3))
        .fail()
        .map(
            reply ->
                HealthCheckResponse.named("store")
                    .status(reply.getStatus() == ServingStatus.SERVING)
                    .withData("status", reply.getStatus().name())
                    .build())
        .onFailure()
        .recoverWithItem(
            e ->
                HealthCheckResponse.named("store")
                    .down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build());
  }
}
