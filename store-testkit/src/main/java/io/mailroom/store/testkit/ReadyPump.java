package io.mailroom.store.testkit;

import io.grpc.stub.ServerCallStreamObserver;
import io.mailroom.store.api.v1.FetchReply;
import java.util.List;

/**
 * Sends the next Fetch reply only while the transport is ready for it: what a store that streams a
 * message with flow control does, and what a demand-driven caller is built for. Section chunks are
 * counted as they are handed over ({@link InMemoryStore#chunksSent}). Made when the call starts
 * (gRPC takes its handlers only then), given its replies when they are known (a held Fetch later).
 */
final class ReadyPump {
  private final ServerCallStreamObserver<FetchReply> call;
  private final InMemoryStore store;
  private List<FetchReply> replies;
  private int next;
  private boolean finished;

  private ReadyPump(ServerCallStreamObserver<FetchReply> call, InMemoryStore store) {
    this.call = call;
    this.store = store;
  }

  /** A pump on a call that has just started. */
  static ReadyPump on(ServerCallStreamObserver<FetchReply> call, InMemoryStore store) {
    var pump = new ReadyPump(call, store);
    call.setOnCancelHandler(pump::cancelled);
    call.setOnReadyHandler(pump::pump);
    return pump;
  }

  synchronized void send(List<FetchReply> replies) {
    this.replies = replies;
    pump();
  }

  synchronized void fail(Throwable refusal) {
    if (!finished) {
      finished = true;
      call.onError(refusal);
    }
  }

  private synchronized void cancelled() {
    finished = true;
  }

  private synchronized void pump() {
    while (replies != null && !finished && call.isReady()) {
      if (next == replies.size()) {
        finished = true;
        call.onCompleted();
        return;
      }
      FetchReply reply = replies.get(next++);
      if (reply.hasChunk()) {
        store.chunkSent();
      }
      call.onNext(reply);
    }
  }
}
