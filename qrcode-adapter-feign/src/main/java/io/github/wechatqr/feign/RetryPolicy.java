package io.github.wechatqr.feign;

import io.github.wechatqr.domain.UpstreamUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one WeChat call with bounded retries: only failures that another attempt may cure ({@code -1},
 * HTTP 5xx, timeouts, dropped connections), at most {@code maxAttempts} in all, waiting an exponential
 * backoff with jitter in between, and starting no wait that would end past the time budget.
 */
final class RetryPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

  private final RetryLimits limits;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier jitter;
  private final GatewayMetrics metrics;

  /**
   * @param jitter values in [0, 1); the wait before attempt n+1 is {@code base/2 + jitter * base/2}
   *     with {@code base = min(maxBackoff, initialBackoff * 2^(n-1))}
   */
  RetryPolicy(RetryLimits limits, Clock clock, Sleeper sleeper, DoubleSupplier jitter, GatewayMetrics metrics) {
    this.limits = limits;
    this.clock = clock;
    this.sleeper = sleeper;
    this.jitter = jitter;
    this.metrics = metrics;
  }

  <T> T call(Api api, Supplier<T> attempt) {
    Instant start = clock.instant();
    for (int n = 1; ; n++) {
      GatewayMetrics.Sample sample = metrics.start();
      Failure failure;
      try {
        T result = attempt.get();
        sample.stop(api, "ok");
        return result;
      } catch (RuntimeException thrown) {
        failure = Failures.classify(thrown);
        sample.stop(api, failure.outcome());
      }
      if (!failure.retryable() || n >= limits.maxAttempts()) {
        throw failure.toException(api, n, limits.maxAttempts());
      }
      Duration wait = backoff(n);
      if (Duration.between(start, clock.instant()).plus(wait).compareTo(limits.budget()) > 0) {
        LOG.warn("{} failed ({}); not retrying: the retry budget of {} ms is spent",
            api.call(), failure.outcome(), limits.budget().toMillis());
        throw failure.toException(api, n, limits.maxAttempts());
      }
      metrics.retried(api, failure.outcome());
      LOG.warn("{} attempt {} of {} failed ({}); retrying in {} ms",
          api.call(), n, limits.maxAttempts(), failure.outcome(), wait.toMillis());
      pause(api, wait);
    }
  }

  /** The wait after the {@code n}-th failed attempt. */
  Duration backoff(int n) {
    long initial = limits.initialBackoff().toMillis();
    long base = Math.min(limits.maxBackoff().toMillis(), initial << Math.min(n - 1, 30));
    return Duration.ofMillis(base / 2 + (long) (jitter.getAsDouble() * (base - base / 2)));
  }

  private void pause(Api api, Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpstreamUnavailable(api.call() + ": interrupted while waiting to retry");
    }
  }
}
