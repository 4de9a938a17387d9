package io.github.wechatqr.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Time and threads for the caches of this module: Caffeine's {@link Ticker} reads {@code clock}, so expiry
 * follows the domain's clock (a test moves a {@code MutableClock} instead of sleeping); {@code executor}
 * runs Caffeine's maintenance, removal work and the token's background refresh; {@code scheduler} wakes
 * maintenance up when the next entry is due to expire, so indexes shrink without any read.
 *
 * <pre>{@code
 * CacheRuntime production = CacheRuntime.of(Clock.systemUTC());
 * CacheRuntime inTests = CacheRuntime.sameThread(mutableClock); // deterministic: nothing runs elsewhere
 * }</pre>
 *
 * @param clock the only source of time
 * @param executor where maintenance and background refreshes run
 * @param scheduler when maintenance runs without cache activity; {@link Scheduler#disabledScheduler()}
 *     leaves it to the next read or write
 */
public record CacheRuntime(Clock clock, Executor executor, Scheduler scheduler) {
  /** Checks presence. */
  public CacheRuntime {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(scheduler, "scheduler");
  }

  /**
   * The production setting: the common fork-join pool and Caffeine's system scheduler. The scheduler waits
   * in real time, which is right for a clock that follows real time.
   *
   * @param clock the only source of time
   * @return the runtime
   */
  public static CacheRuntime of(Clock clock) {
    return new CacheRuntime(clock, ForkJoinPool.commonPool(), Scheduler.systemScheduler());
  }

  /**
   * Everything on the calling thread and no scheduler: maintenance runs inside cache calls, so a test
   * that moves the clock and then touches the cache sees every removal at once.
   *
   * @param clock the only source of time
   * @return the runtime
   */
  public static CacheRuntime sameThread(Clock clock) {
    return new CacheRuntime(clock, Runnable::run, Scheduler.disabledScheduler());
  }

  /** A Caffeine builder on this runtime's ticker, executor and scheduler. */
  Caffeine<Object, Object> caffeine() {
    return Caffeine.newBuilder().ticker(ticker()).executor(executor).scheduler(scheduler);
  }

  /** The clock as Caffeine's ticker: nanoseconds since the epoch (saturating past the year 2262). */
  Ticker ticker() {
    return () -> nanos(clock.instant());
  }

  /** An instant as epoch nanoseconds, saturating instead of overflowing. */
  static long nanos(Instant instant) {
    try {
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    } catch (ArithmeticException beyondYear2262) {
      return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** Nanoseconds from {@code now} (a ticker reading) until {@code deadline}; never negative, saturating. */
  static long nanosUntil(long deadline, long now) {
    long left = deadline - now;
    if (((deadline ^ now) & (deadline ^ left)) < 0) { // overflow: the deadline is far beyond reach
      return deadline > now ? Long.MAX_VALUE : 0;
    }
    return Math.max(0, left);
  }
}
