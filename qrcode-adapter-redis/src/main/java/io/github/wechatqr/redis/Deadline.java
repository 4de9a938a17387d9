package io.github.wechatqr.redis;

import io.github.wechatqr.domain.QrCodeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A wait budget on the monotonic timer, with a bounded exponential pause between polls (5 ms doubling up to
 * 100 ms): quick when the other instance is quick, never busy when it is slow. Not the domain clock on
 * purpose: a test clock moved by hand must neither stall nor skip a wait that Redis measures in real time.
 */
final class Deadline {
  private static final long FIRST_PAUSE = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long LONGEST_PAUSE = TimeUnit.MILLISECONDS.toNanos(100);
  private final long end;
  private long pause = FIRST_PAUSE;

  private Deadline(long end) {
    this.end = end;
  }

  static Deadline in(Duration budget) {
    return new Deadline(System.nanoTime() + budget.toNanos());
  }

  long remainingNanos() {
    return Math.max(0, end - System.nanoTime());
  }

  /** @return false once the budget is spent; otherwise pauses for the next step of the backoff */
  boolean pause() {
    long left = remainingNanos();
    if (left == 0) {
      return false;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QrCodeException("interrupted while waiting for another instance");
    }
    pause = Math.min(pause * 2, LONGEST_PAUSE);
    return true;
  }
}
