package io.github.wechatqr.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition in a test and fails loudly where the wait ends: an {@link AssertionError} that
 * names what was awaited, for how long, and what was seen last, instead of a silent time-out that lets the
 * test fail later with a misleading count. Polls (spinning for the first moments, then parking up to
 * 10 ms between looks), so it returns as soon as the condition holds; nothing here sleeps to let a race
 * play out. A condition that throws ends the wait with that exception.
 *
 * <pre>{@code
 * Await.until("the delayed create to arrive", () -> fake.journal().count(CREATE), n -> n == 1,
 *     Duration.ofSeconds(5));
 * Await.until("the caller to park", () -> caller.getState() == Thread.State.WAITING, Duration.ofSeconds(5));
 * }</pre>
 */
public final class Await {
  private static final long SPIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private Await() {}

  /**
   * Waits until {@code condition} holds.
   *
   * @param description what is awaited, for the failure message ("the token fetch to arrive")
   * @param condition the condition, read again and again
   * @param timeout how long to wait at most
   * @throws AssertionError if it does not hold within {@code timeout}, or the thread is interrupted
   */
  public static void until(String description, BooleanSupplier condition, Duration timeout) {
    Objects.requireNonNull(condition, "condition");
    until(description, condition::getAsBoolean, Boolean.TRUE::equals, timeout);
  }

  /**
   * Waits until the value {@code observed} gives satisfies {@code condition}, and returns that value.
   *
   * @param <T> the type of what is observed
   * @param description what is awaited, for the failure message ("three creates in the journal")
   * @param observed reads the current state, again and again
   * @param condition when the state is as awaited
   * @param timeout how long to wait at most
   * @return the first observed value that satisfied the condition
   * @throws AssertionError if none does within {@code timeout} (the message quotes the last one seen), or
   *     the thread is interrupted
   */
  public static <T> T until(String description, Supplier<? extends T> observed, Predicate<? super T> condition,
      Duration timeout) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(condition, "condition");
    long start = System.nanoTime();
    long limit = timeout.toNanos();
    long pause = 0;
    int looks = 0;
    while (true) {
      T seen = observed.get();
      looks++;
      if (condition.test(seen)) {
        return seen;
      }
      long waited = System.nanoTime() - start;
      if (waited >= limit) {
        throw new AssertionError("timed out after " + Duration.ofNanos(waited).toMillis() + " ms awaiting "
            + description + "; last seen (look " + looks + "): " + seen);
      }
      if (waited < SPIN_NANOS) {
        Thread.onSpinWait();
        continue;
      }
      pause = Math.min(LONGEST_PAUSE_NANOS, Math.max(pause * 2, 50_000));
      LockSupport.parkNanos(Math.min(pause, limit - waited));
      if (Thread.currentThread().isInterrupted()) {
        throw new AssertionError("interrupted while awaiting " + description + "; last seen: " + seen);
      }
    }
  }
}
