package io.mailroom.store.testkit;

import io.grpc.stub.ServerCallStreamObserver;
import io.mailroom.store.api.v1.FetchReply;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the next Fetch reply only while the transport is ready for it: what a store that streams a
 * message with flow control does, and what a demand-driven caller is built for. Section chunks are
 * counted as they are handed over ({@link InMemoryStore#chunksSent}).
 */
final class ReadyPump {
  private ReadyPump() {}

  static void send(
      List<FetchReply> replies, ServerCallStreamObserver<FetchReply> call, InMemoryStore store) {
    var next = new AtomicInteger();
    var finished = new AtomicBoolean();
    call.setOnCancelHandler(() -> finished.set(true));
    Runnable pump =
        () -> {
          synchronized (call) {
            while (!finished.get() && call.isReady()) {
              int i = next.getAndIncrement();
              if (i == replies.size()) {
                finished.set(true);
                call.onCompleted();
                return;
              }
              if (replies.get(i).hasChunk()) {
                store.chunkSent();
              }
              call.onNext(replies.get(i));
            }
          }
        };
    call.setOnReadyHandler(pump);
    pump.run();
  }
}
