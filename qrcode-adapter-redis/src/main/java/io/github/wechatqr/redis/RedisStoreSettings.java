package io.github.wechatqr.redis;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the Redis stores name their keys and how long they wait. Start from {@link #defaults()} and change
 * what you need:
 *
 * <pre>{@code
 * RedisStoreSettings settings = RedisStoreSettings.defaults()
 *     .withKeyPrefix("shop:wechatqr")
 *     .withCommandTimeout(Duration.ofMillis(500));
 * }</pre>
 *
 * <p>Lock leases and waits are durations measured by Redis ({@code PX}) and by a monotonic timer, not by
 * the stores' {@link java.time.Clock}: they bound how long a crashed or slow instance can hold the others
 * up, which is a matter of elapsed time, not of the time of day that decides expiries.
 *
 * @param keyPrefix the first segment of every key, so one Redis can serve several applications; no
 *     whitespace, separator, control or format character, so every key stays printable in a log line (see
 *     {@link RedisStores} for the whole key layout)
 * @param commandTimeout how long one Redis command may take before the store reports
 *     {@link io.github.wechatqr.domain.UpstreamUnavailable}; applied to connections the stores open
 * @param lockTtl the lease of a lock ({@code SET key owner NX PX lockTtl}): longer than the slowest token
 *     fetch or code creation, because a lock that lapses mid-call lets a second instance call WeChat too;
 *     and the longest a crashed holder can block the others
 * @param lockWait how long a caller waits for another instance's fetch or creation before giving up with
 *     {@code UpstreamUnavailable}; keep it above {@code lockTtl} so a crashed holder never makes callers fail
 *
 * <p>The token's durations (safety margin, refresh-ahead window, retry delay, failure back-off) are not
 * here: they are the {@link io.github.wechatqr.domain.token.TokenPolicy} given to
 * {@link RedisStores#tokenStore}.
 */
public record RedisStoreSettings(String keyPrefix, Duration commandTimeout, Duration lockTtl,
    Duration lockWait) {
  private static final Pattern PREFIX = Pattern.compile("[^\\s\\p{Z}\\p{C}]{1,100}");

  /** Checks every value. */
  public RedisStoreSettings {
    if (keyPrefix == null || !PREFIX.matcher(keyPrefix).matches()) {
      throw new IllegalArgumentException("keyPrefix must be 1..100 characters without whitespace, separators,"
          + " control or format characters");
    }
    positive(commandTimeout, "commandTimeout");
    positive(lockTtl, "lockTtl");
    positive(lockWait, "lockWait");
  }

  /**
   * Prefix {@code wechatqr}, command timeout 2 s, lock lease 10 s, lock wait 15 s.
   *
   * @return the defaults
   */
  public static RedisStoreSettings defaults() {
    return new RedisStoreSettings("wechatqr", Duration.ofSeconds(2), Duration.ofSeconds(10),
        Duration.ofSeconds(15));
  }

  /**
   * Returns a copy with another key prefix.
   *
   * @param prefix the new key prefix
   * @return a copy with that prefix
   */
  public RedisStoreSettings withKeyPrefix(String prefix) {
    return new RedisStoreSettings(prefix, commandTimeout, lockTtl, lockWait);
  }

  /**
   * Returns a copy with another command timeout.
   *
   * @param timeout the new command timeout
   * @return a copy with that timeout
   */
  public RedisStoreSettings withCommandTimeout(Duration timeout) {
    return new RedisStoreSettings(keyPrefix, timeout, lockTtl, lockWait);
  }

  /**
   * Returns a copy with another lock lease.
   *
   * @param ttl the new lock lease
   * @return a copy with that lease
   */
  public RedisStoreSettings withLockTtl(Duration ttl) {
    return new RedisStoreSettings(keyPrefix, commandTimeout, ttl, lockWait);
  }

  /**
   * Returns a copy with another lock wait budget.
   *
   * @param wait the new wait budget
   * @return a copy with that budget
   */
  public RedisStoreSettings withLockWait(Duration wait) {
    return new RedisStoreSettings(keyPrefix, commandTimeout, lockTtl, wait);
  }

  private static void positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
