package io.github.wechatqr.feign;

import java.time.Duration;

/**
 * How far {@link RetryPolicy} goes.
 *
 * @param maxAttempts attempts per call in all, 1..10 (1 means no retry)
 * @param initialBackoff the wait before the second attempt (before jitter), positive
 * @param maxBackoff the cap of any wait, at least {@code initialBackoff}
 * @param budget no wait starts that would end later than this after the first attempt began
 */
record RetryLimits(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration budget) {
  static final RetryLimits DEFAULT =
      new RetryLimits(3, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(10));

  /** Checks the ranges above. */
  RetryLimits {
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new IllegalArgumentException("maxAttempts must be in 1..10, was " + maxAttempts);
    }
    Settings.positive("initialBackoff", initialBackoff);
    Settings.positive("maxBackoff", maxBackoff);
    Settings.positive("retryBudget", budget);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff must be at least initialBackoff (" + initialBackoff + "), was " + maxBackoff);
    }
  }
}
