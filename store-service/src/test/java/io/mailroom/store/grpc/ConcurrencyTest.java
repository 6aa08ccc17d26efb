package io.mailroom.store.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailroom.store.StoreClient;
import io.mailroom.store.api.v1.AppendReply;
import io.mailroom.store.api.v1.FetchRequest;
import io.mailroom.store.api.v1.FlagMode;
import io.mailroom.store.api.v1.StoreFlagsRequest;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConcurrencyTest {

  @Test
  void fiftyConcurrentAppendsGetFiftyDistinctGaplessUids() {
    StoreClient user = StoreClient.create("conc");
    List<CompletableFuture<AppendReply>> replies = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      replies.add(
          user.appendAsync(
              "INBOX", StoreClient.message("c" + i, "body " + i).getBytes(StandardCharsets.UTF_8)));
    }
    List<Integer> uids =
        replies.stream().map(CompletableFuture::join).map(AppendReply::getUid).sorted().toList();
    assertThat(uids).containsExactlyElementsOf(IntStream.rangeClosed(1, 50).boxed().toList());
    var info = user.select("INBOX").getMailbox();
    assertThat(info.getMessages()).isEqualTo(50);
    assertThat(info.getUidNext()).isEqualTo(51);
  }

  @Test
  void concurrentFlagChangesLoseNothing() throws Exception {
    StoreClient user = StoreClient.create("conc");
    user.append("INBOX", StoreClient.message("flags", "x"));
    var ref = user.ref("INBOX");
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        String keyword = "k" + i;
        all.add(
            CompletableFuture.runAsync(
                () ->
                    user.messages()
                        .storeFlags(
                            StoreFlagsRequest.newBuilder()
                                .setMailbox(ref)
                                .setUids(StoreClient.uids(1, 1))
                                .setMode(FlagMode.FLAG_MODE_ADD)
                                .addFlags(keyword)
                                .build()),
                pool));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    } finally {
      pool.shutdown();
    }
    var meta =
        user.messages()
            .fetch(
                FetchRequest.newBuilder()
                    .setMailbox(ref)
                    .setUids(StoreClient.uids(1, 1))
                    .setFlags(true)
                    .setModseq(true)
                    .build())
            .next()
            .getMeta();
    assertThat(meta.getFlagsList()).hasSize(30);
    assertThat(user.select("INBOX").getMailbox().getHighestModseq()).isEqualTo(meta.getModseq());
  }
}
