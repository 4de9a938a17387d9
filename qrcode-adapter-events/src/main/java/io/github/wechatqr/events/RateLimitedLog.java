package io.github.wechatqr.events;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * At most one WARN line per interval, each telling how many lines were held back since the last one, so
 * that a flood of refusals is seen in the log without filling it. Thread-safe; one instance per kind of
 * line.
 */
final class RateLimitedLog {
  private final Logger log;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final AtomicLong nextAllowed;
  private final AtomicLong suppressed = new AtomicLong();

  /**
   * @param log where lines go
   * @param intervalSeconds the least time between two lines
   * @param nanoTime a monotonic clock ({@code System::nanoTime})
   */
  RateLimitedLog(Logger log, long intervalSeconds, LongSupplier nanoTime) {
    this.log = log;
    this.intervalNanos = TimeUnit.SECONDS.toNanos(intervalSeconds);
    this.nanoTime = nanoTime;
    this.nextAllowed = new AtomicLong(nanoTime.getAsLong());
  }

  /**
   * Logs the line at WARN if the interval since the last one has passed, with the number of lines held
   * back in between appended; otherwise counts it as held back.
   *
   * @param format an SLF4J format; the count held back is appended as one more argument
   * @param args its arguments
   * @return whether the line was logged
   */
  boolean warn(String format, Object... args) {
    long now = nanoTime.getAsLong();
    long next = nextAllowed.get();
    if (now - next < 0 || !nextAllowed.compareAndSet(next, now + intervalNanos)) {
      suppressed.incrementAndGet();
      return false;
    }
    Object[] withCount = java.util.Arrays.copyOf(args, args.length + 1);
    withCount[args.length] = suppressed.getAndSet(0);
    log.warn(format + "; {} more such lines held back since the last one", withCount);
    return true;
  }
}
