package io.mailroom.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessMeterTest {

  /** One clock tick at USER_HZ 100, the resolution of every /proc figure. */
  private static final double TICK = 0.01;

  /**
   * A shell whose child burns CPU and exits; the shell reaps it and waits on its stdin with a
   * builtin (a sleep would be a second child). The child's CPU must show while it runs, stay in the
   * total after it is reaped (now as the shell's cutime), and not be counted twice.
   */
  @Test
  void aReapedChildsCpuIsNeitherLostNorDoubled() throws Exception {
    Process shell =
        new ProcessBuilder(
                "sh", "-c", "sh -c 'i=0; while [ $i -lt 400000 ]; do i=$((i+1)); done'; read wait")
            .start();
    try {
      ProcessMeter meter = new ProcessMeter(Map.of("shell", List.of(shell.pid())));
      ProcessMeter.Sample start = meter.sample();
      ProcessMeter.Sample lastWithChild = start;
      ProcessMeter.Sample afterReap = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < deadline) {
        ProcessMeter.Sample now = meter.sample();
        if (now.processes().get("shell") == 2) {
          lastWithChild = now;
        } else if (lastWithChild != start) {
          afterReap = now;
          break;
        }
        Thread.sleep(20);
      }

      assertThat(afterReap).as("the busy child ran and was reaped").isNotNull();
      double during = lastWithChild.minus(start).cpuSecs().get("shell");
      double after = afterReap.minus(start).cpuSecs().get("shell");
      assertThat(during).as("the running child's CPU counts").isGreaterThan(0.05);
      assertThat(after).as("not lost when reaped").isGreaterThanOrEqualTo(during - TICK);
      // Between the two readings at most one process of the tree ran, for at most the wall time.
      assertThat(after - during)
          .as("not doubled when reaped")
          .isLessThanOrEqualTo(afterReap.wallSecs(lastWithChild) + 2 * TICK);
      assertThat(afterReap.rssKb().get("shell")).isPositive();
    } finally {
      shell.destroyForcibly().waitFor();
    }
  }

  @Test
  void theDriversOwnCpuIsMeasured() {
    ProcessMeter meter = new ProcessMeter(Map.of());
    ProcessMeter.Sample before = meter.sample();
    long spin = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
    long x = 0;
    while (System.nanoTime() < spin) {
      x += Long.numberOfTrailingZeros(x + System.nanoTime());
    }
    ProcessMeter.Sample after = meter.sample();
    assertThat(after.minus(before).selfCpuSecs()).isGreaterThan(0.1 + x * 0.0);
    assertThat(after.cpuSecs()).isEmpty();
  }

  @Test
  void aGoneRootMeasuresZero() {
    ProcessMeter meter = new ProcessMeter(Map.of("gone", List.of(Long.MAX_VALUE)));
    ProcessMeter.Sample sample = meter.sample();
    assertThat(sample.cpuSecs().get("gone")).isZero();
    assertThat(sample.rssKb().get("gone")).isZero();
    assertThat(sample.processes().get("gone")).isZero();
  }

  @Test
  void thePeakTrackerKeepsTheHighestRss() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      ProcessMeter meter = new ProcessMeter(Map.of("self", List.of(ProcessHandle.current().pid())));
      ProcessMeter.PeakRss peaks = meter.trackPeaks(vertx, 50);
      Thread.sleep(300);
      Map<String, Long> result = peaks.stop();
      long now = meter.sample().rssKb().get("self");
      assertThat(result.get("self")).isCloseTo(now, within(now / 2));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }
}
