package io.mailroom.store.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailroom.store.blob.MissingBlob;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Failures of the store's own storage say "try again" without naming a reason of the contract. */
class GrpcErrorsTest {

  private static Status statusOf(Throwable failure) {
    return ((StatusRuntimeException) GrpcErrors.toStatus(failure)).getStatus();
  }

  @Test
  void anUnreachableDatabaseOrS3IsUnavailableWhereverItIsWrapped() {
    assertThat(statusOf(new CompletionException(new ConnectException("refused"))).getCode())
        .isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(statusOf(ClosedConnectionException.INSTANCE).getCode())
        .isEqualTo(Status.Code.UNAVAILABLE);
  }

  @Test
  void aSerializationFailureOrDeadlockIsAborted() {
    var conflict = new PgException("could not serialize access", "ERROR", "40001", null);
    var deadlock = new PgException("deadlock detected", "ERROR", "40P01", null);

    assertThat(statusOf(new RuntimeException(conflict)).getCode()).isEqualTo(Status.Code.ABORTED);
    assertThat(statusOf(deadlock).getCode()).isEqualTo(Status.Code.ABORTED);
  }

  @Test
  void anyOtherUnexpectedFailureIsInternalWithoutDetail() {
    var unique = new PgException("duplicate key", "ERROR", "23505", "secret detail");
    var status = statusOf(new IllegalStateException("bug", unique));

    assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(status.getDescription()).isEqualTo("internal error");
  }

  @Test
  void aLostMessageBodyIsDataLossWhereverItIsWrapped() {
    var lost = new MissingBlob("ab12", "no such object");
    assertThat(statusOf(new CompletionException(lost)).getCode()).isEqualTo(Status.Code.DATA_LOSS);
    assertThat(statusOf(lost).getDescription()).isEqualTo("message body lost");
  }
}
