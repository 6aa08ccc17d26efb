package io.mailroom.store.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailroom.store.api.v1.ErrorCode;
import io.mailroom.store.client.StoreFailure.Reason;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StoreFailuresTest {

  private static StatusRuntimeException grpc(Status status, String trailer) {
    Metadata trailers = new Metadata();
    if (trailer != null) {
      trailers.put(StoreFailures.MAILROOM_ERROR, trailer);
    }
    return status.asRuntimeException(trailers);
  }

  @Test
  void aFullAccountIsOverQuotaAndNotWorthARetry() {
    var failure =
        StoreFailures.from(
            grpc(Status.RESOURCE_EXHAUSTED.withDescription("quota 1 MB"), "OVERQUOTA"));

    assertThat(failure.reason()).isEqualTo(Reason.OVERQUOTA);
    assertThat(failure.isTransient()).isFalse();
    assertThat(failure.isRefusal()).isTrue();
    assertThat(failure.getMessage()).isEqualTo("RESOURCE_EXHAUSTED OVERQUOTA: quota 1 MB");
  }

  @Test
  void resourceExhaustedWithoutTheStoresNameIsABusyChannelWorthARetry() {
    var failure = StoreFailures.from(grpc(Status.RESOURCE_EXHAUSTED, null));

    assertThat(failure.reason()).isEqualTo(Reason.UNAVAILABLE);
    assertThat(failure.isTransient()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(
      value = Reason.class,
      mode = EnumSource.Mode.EXCLUDE,
      names = {"DAMAGED", "UNAVAILABLE", "UNKNOWN"})
  void theTrailerNamesTheReasonWhateverTheStatus(Reason reason) {
    assertThat(StoreFailures.reasonOf(grpc(Status.INTERNAL, reason.name()))).isEqualTo(reason);
    assertThat(StoreFailures.reasonOf(grpc(Status.INTERNAL, " " + reason.name().toLowerCase())))
        .isEqualTo(reason);
  }

  /** A new ErrorCode in store.proto fails here until Reason has it too. */
  @ParameterizedTest
  @EnumSource(
      value = ErrorCode.class,
      mode = EnumSource.Mode.EXCLUDE,
      names = {"ERROR_CODE_UNSPECIFIED", "UNRECOGNIZED"})
  void everyErrorCodeByNameOrNumberIsTheReasonOfItsName(ErrorCode code) {
    Reason reason = Reason.valueOf(code.name());
    assertThat(StoreFailures.reasonOf(grpc(Status.INTERNAL, code.name()))).isEqualTo(reason);
    assertThat(StoreFailures.reasonOf(grpc(Status.INTERNAL, Integer.toString(code.getNumber()))))
        .isEqualTo(reason);
  }

  @Test
  void anUnspecifiedOrUnknownNumberFallsBackToTheStatus() {
    for (String trailer :
        new String[] {"0", "ERROR_CODE_UNSPECIFIED", "UNRECOGNIZED", "99", "99999999999", ""}) {
      assertThat(StoreFailures.reasonOf(grpc(Status.NOT_FOUND, trailer)))
          .as("trailer \"%s\"", trailer)
          .isEqualTo(Reason.NONEXISTENT);
    }
  }

  @Test
  void anOlderStoresNumericCodeIsRead() {
    assertThat(StoreFailures.reasonOf(grpc(Status.RESOURCE_EXHAUSTED, "7")))
        .isEqualTo(Reason.OVERQUOTA);
    assertThat(StoreFailures.reasonOf(grpc(Status.FAILED_PRECONDITION, "8")))
        .isEqualTo(Reason.INUSE);
  }

  @Test
  void anUnknownTrailerFallsBackToTheStatus() {
    assertThat(StoreFailures.reasonOf(grpc(Status.NOT_FOUND, "SOMETHING_NEW")))
        .isEqualTo(Reason.NONEXISTENT);
    assertThat(StoreFailures.reasonOf(grpc(Status.INTERNAL, "UNAVAILABLE")))
        .as("the store never sends UNAVAILABLE: it is not trusted from a trailer")
        .isEqualTo(Reason.UNKNOWN);
  }

  @Test
  void withoutATrailerTheStatusDecides() {
    assertThat(StoreFailures.reasonOf(grpc(Status.UNAUTHENTICATED, null)))
        .isEqualTo(Reason.AUTHENTICATION_FAILED);
    assertThat(StoreFailures.reasonOf(grpc(Status.ALREADY_EXISTS, null)))
        .isEqualTo(Reason.ALREADYEXISTS);
    assertThat(StoreFailures.reasonOf(grpc(Status.PERMISSION_DENIED, null)))
        .isEqualTo(Reason.CANNOT);
    assertThat(StoreFailures.reasonOf(grpc(Status.INVALID_ARGUMENT, null)))
        .isEqualTo(Reason.INVALID_NAME);
    for (var transport :
        new Status[] {
          Status.UNAVAILABLE, Status.DEADLINE_EXCEEDED, Status.ABORTED, Status.CANCELLED
        }) {
      assertThat(StoreFailures.reasonOf(grpc(transport, null))).isEqualTo(Reason.UNAVAILABLE);
    }
    var missingBlob = StoreFailures.from(grpc(Status.DATA_LOSS, null));
    assertThat(missingBlob.reason()).isEqualTo(Reason.DAMAGED);
    assertThat(missingBlob.isRefusal()).as("the same read fails the same way").isTrue();
    var internal = StoreFailures.from(grpc(Status.INTERNAL, null));
    assertThat(internal.reason()).isEqualTo(Reason.UNKNOWN);
    assertThat(internal.isTransient()).as("a session answers at once").isFalse();
    assertThat(internal.isRefusal()).as("a consumer that can wait tries again").isFalse();
  }

  @Test
  void localFailuresAreTransientOnlyWhenTheyAreTheConnectionsOrTheClock() {
    assertThat(StoreFailures.reasonOf(new TimeoutException())).isEqualTo(Reason.UNAVAILABLE);
    assertThat(StoreFailures.reasonOf(new IOException("reset"))).isEqualTo(Reason.UNAVAILABLE);
    assertThat(StoreFailures.reasonOf(new NullPointerException())).isEqualTo(Reason.UNKNOWN);
  }

  @Test
  void aStoreFailureIsReturnedAsItIs() {
    var failure = new StoreFailure(Reason.INUSE, "held");

    assertThat(StoreFailures.from(failure)).isSameAs(failure);
  }
}
