package io.mailroom.store.client;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many retries the store may be asked for, shared by every call of a replica: gRPC's retry
 * throttling (gRFC A6). Each failed attempt costs a token, each success earns back a tenth of one,
 * and retries stop while fewer than half the tokens are left. So a blip is retried, but a store
 * that is down is not hit with every call two or three times over.
 */
public final class RetryBudget {
  /** Tokens are counted in tenths, so that a success can earn a tenth without floating point. */
  private static final int TENTHS = 10;

  private final int max;
  private final AtomicInteger tokens;

  public RetryBudget(int maxTokens) {
    if (maxTokens < 2) {
      throw new IllegalArgumentException("a retry budget needs at least 2 tokens: " + maxTokens);
    }
    this.max = maxTokens * TENTHS;
    this.tokens = new AtomicInteger(max);
  }

  /** True while more than half the tokens are left. */
  public boolean mayRetry() {
    return tokens.get() > max / 2;
  }

  public void failed() {
    tokens.updateAndGet(t -> Math.max(0, t - TENTHS));
  }

  public void succeeded() {
    tokens.updateAndGet(t -> Math.min(max, t + 1));
  }
}
