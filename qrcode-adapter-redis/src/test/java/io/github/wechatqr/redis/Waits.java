package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Bounded waits for the tests: on a latch, or on a condition polled until a deadline. */
final class Waits {
  private static final Duration LONGEST = Duration.ofSeconds(10);

  private Waits() {
  }

  /** Waits for the latch; fails the test (instead of hanging) if it does not open in time. */
  static void await(CountDownLatch latch) {
    try {
      if (!latch.await(LONGEST.toMillis(), TimeUnit.MILLISECONDS)) {
        fail("the latch did not open within " + LONGEST);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls the condition every 20 ms until it holds; fails the test if it does not within {@code max}. */
  static void until(Duration max, BooleanSupplier condition) {
    long deadline = System.nanoTime() + max.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("the condition did not hold within " + max);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }
}
