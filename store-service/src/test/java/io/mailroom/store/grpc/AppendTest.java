package io.mailroom.store.grpc;

import static io.mailroom.store.grpc.FetchRequests.fetch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.mailroom.store.StoreClient;
import io.mailroom.store.api.v1.AppendHeader;
import io.mailroom.store.api.v1.AppendReply;
import io.mailroom.store.api.v1.AppendRequest;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Messages.Append: unknown UIDs, TOOBIG before any byte, broken and short streams. */
@QuarkusTest
class AppendTest {

  @Test
  void unknownUidsGiveNothingAndOversizeIsRefusedBeforeAnyByte() {
    StoreClient user = StoreClient.create("msg");
    user.append("INBOX", StoreClient.message("only", "x"));
    var got =
        new Fetched(user.messages().fetch(fetch(user, "INBOX", 50, 60).setFlags(true).build()));
    assertThat(got.metas).isEmpty();

    CompletableFuture<AppendReply> result = new CompletableFuture<>();
    StreamObserver<AppendRequest> out = user.messagesAsync().append(StoreClient.observer(result));
    out.onNext(
        AppendRequest.newBuilder()
            .setHeader(AppendHeader.newBuilder().setMailbox("INBOX").setSize(50L * 1024 * 1024 + 1))
            .build());
    Throwable e = catchThrowable(() -> result.get(30, TimeUnit.SECONDS));
    assertThat(StoreClient.code(e)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(StoreClient.errorCode(e)).isEqualTo("TOOBIG");

    Throwable noMailbox = catchThrowable(() -> user.append("Nope", StoreClient.message("x", "y")));
    assertThat(StoreClient.errorCode(noMailbox)).isEqualTo("TRYCREATE");
  }

  @Test
  void aStreamThatBreaksMidAppendStoresNothing() throws Exception {
    StoreClient user = StoreClient.create("msg");
    CompletableFuture<AppendReply> result = new CompletableFuture<>();
    StreamObserver<AppendRequest> out = user.messagesAsync().append(StoreClient.observer(result));
    out.onNext(
        AppendRequest.newBuilder()
            .setHeader(AppendHeader.newBuilder().setMailbox("INBOX").setSize(1000))
            .build());
    out.onNext(
        AppendRequest.newBuilder()
            .setData(ByteString.copyFrom("Subject: half\r\n", StandardCharsets.UTF_8))
            .build());
    out.onError(new RuntimeException("client went away"));
    Throwable e = catchThrowable(() -> result.get(30, TimeUnit.SECONDS));
    assertThat(StoreClient.code(e)).isEqualTo(Status.Code.CANCELLED);

    CompletableFuture<AppendReply> shortOne = new CompletableFuture<>();
    StreamObserver<AppendRequest> out2 =
        user.messagesAsync().append(StoreClient.observer(shortOne));
    out2.onNext(
        AppendRequest.newBuilder()
            .setHeader(AppendHeader.newBuilder().setMailbox("INBOX").setSize(1000))
            .build());
    out2.onNext(
        AppendRequest.newBuilder()
            .setData(ByteString.copyFrom("Subject: short\r\n", StandardCharsets.UTF_8))
            .build());
    out2.onCompleted();
    Throwable e2 = catchThrowable(() -> shortOne.get(30, TimeUnit.SECONDS));
    assertThat(StoreClient.code(e2)).isEqualTo(Status.Code.INVALID_ARGUMENT);

    var info = user.select("INBOX").getMailbox();
    assertThat(info.getMessages()).isZero();
    assertThat(info.getUidNext()).isEqualTo(1);
  }
}
