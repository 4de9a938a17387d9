package io.github.wechatqr.feign;

import java.time.Duration;

/** Waits between attempts. Injectable so tests move a clock instead of waiting. */
@FunctionalInterface
interface Sleeper {
  /** Sleeps on the calling thread; an interrupt ends the wait. */
  Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

  /**
   * @param duration how long to wait
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;
}
