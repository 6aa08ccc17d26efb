package io.mailroom.pop3.protocol;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/** Waits for a condition that another thread makes true, with a deadline. */
public final class Await {
  private Await() {}

  public static void until(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  /**
   * Waits until a count has stopped changing for {@code quiet} and returns it: for asserting that
   * something did NOT keep happening (a stream that should stall), where no event marks the end.
   */
  public static int settled(String what, IntSupplier count, Duration quiet)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int last = count.getAsInt();
    long stableSince = System.nanoTime();
    while (System.nanoTime() - stableSince < quiet.toNanos()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what + " settles");
      }
      Thread.sleep(20);
      int now = count.getAsInt();
      if (now != last) {
        last = now;
        stableSince = System.nanoTime();
      }
    }
    return last;
  }
}
