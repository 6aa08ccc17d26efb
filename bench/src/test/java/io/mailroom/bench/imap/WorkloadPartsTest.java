package io.mailroom.bench.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkloadPartsTest {

  @Test
  void appendUidReadsTheCodeOrSaysMinusOne() {
    assertThat(SteadySession.appendUid("APPENDUID 1796680203 42")).isEqualTo(42);
    assertThat(SteadySession.appendUid("appenduid 7 3")).isEqualTo(3);
    assertThat(SteadySession.appendUid("APPENDUID 7 3:5")).isEqualTo(-1);
    assertThat(SteadySession.appendUid("READ-WRITE")).isEqualTo(-1);
    assertThat(SteadySession.appendUid("")).isEqualTo(-1);
  }

  @Test
  void lanesRunEveryTaskWithBoundedConcurrency() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      AtomicInteger inFlight = new AtomicInteger();
      AtomicInteger most = new AtomicInteger();
      AtomicInteger done = new AtomicInteger();
      Future<Void> all =
          IdleWorkload.inLanes(
              100,
              7,
              i -> {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                Promise<Void> p = Promise.promise();
                vertx.setTimer(
                    1 + i % 3,
                    id -> {
                      inFlight.decrementAndGet();
                      done.incrementAndGet();
                      p.complete();
                    });
                return p.future();
              });
      all.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(done.get()).isEqualTo(100);
      assertThat(most.get()).isLessThanOrEqualTo(7);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void privateMemoryOfThisJvmIsSomething() {
    Map<String, Long> kb =
        PrivateMemory.anonKb(Map.of("self", List.of(ProcessHandle.current().pid())));
    assertThat(kb.get("self")).isGreaterThan(1000);
    assertThat(PrivateMemory.anonKb(Map.of("gone", List.of(Long.MAX_VALUE))))
        .containsEntry("gone", 0L);
  }
}
