package io.mailroom.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecorderTest {

  @Test
  void recordCountsOpsAndLatencyDoesNot() {
    Recorder recorder = new Recorder();
    for (int i = 1; i <= 100; i++) {
      recorder.latency("FETCH-FLAGS", TimeUnit.MILLISECONDS.toNanos(i));
    }
    recorder.record("NOOP", System.nanoTime());
    recorder.countOps(2);
    assertThat(recorder.ops()).isEqualTo(3);
    WorkloadResult.Latency fetch = recorder.latencies().get("FETCH-FLAGS");
    assertThat(fetch.count()).isEqualTo(100);
    assertThat(fetch.p50Ms()).isBetween(49.9, 50.1);
    assertThat(fetch.p99Ms()).isBetween(98.9, 99.1);
    assertThat(fetch.maxMs()).isBetween(99.9, 100.1);
    assertThat(recorder.latencies()).containsKey("NOOP");
    assertThat(recorder.percentileMs("FETCH-FLAGS", 50)).isBetween(49.9, 50.1);
    assertThat(recorder.percentileMs("nothing", 50)).isNaN();
  }

  @Test
  void latenciesBeyondTheRangeAreClampedNotLost() {
    Recorder recorder = new Recorder();
    recorder.latency("SLOW", TimeUnit.HOURS.toNanos(2));
    recorder.latency("FAST", 10);
    assertThat(recorder.latencies().get("SLOW").count()).isEqualTo(1);
    assertThat(recorder.latencies().get("FAST").maxMs()).isEqualTo(0.0);
  }

  @Test
  void errorsShowTheFourKindsEvenAtZero() {
    Recorder recorder = new Recorder();
    recorder.error(Recorder.NO);
    recorder.error(Recorder.NO);
    recorder.error("protocol");
    assertThat(recorder.errors())
        .containsEntry("NO", 2L)
        .containsEntry("BAD", 0L)
        .containsEntry("timeout", 0L)
        .containsEntry("disconnect", 0L)
        .containsEntry("protocol", 1L);
    assertThat(recorder.errorCount()).isEqualTo(3);
  }

  @Test
  void keepsTheFirstTenFailures() {
    Recorder recorder = new Recorder();
    assertThat(recorder.check(true, () -> "never built")).isTrue();
    for (int i = 0; i < 15; i++) {
      int n = i;
      assertThat(recorder.check(false, () -> "failure " + n)).isFalse();
    }
    WorkloadResult.Checks checks = recorder.checks();
    assertThat(checks.passed()).isEqualTo(1);
    assertThat(checks.failed()).isEqualTo(15);
    assertThat(checks.firstFailures()).hasSize(10).startsWith("failure 0").endsWith("failure 9");
  }
}
