package io.github.wechatqr.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.port.AccessTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An {@link AccessTokenStore} that refreshes the token in the background before it runs out, so callers
 * never wait while a usable token exists:
 * <ul>
 *   <li>a token is handed out until {@code safetyMargin} before its expiry, never later (Caffeine hides
 *       it from then on, by the runtime's clock);</li>
 *   <li>from {@code refreshAhead} before its expiry, the first caller starts one refresh on the runtime's
 *       executor and every caller keeps getting the current token at once; the new token replaces it
 *       when it arrives;</li>
 *   <li>a failed refresh is logged, the current token stays in use and the next refresh is tried no
 *       sooner than {@code retryDelay} later;</li>
 *   <li>without a usable token, one caller fetches on its own thread and the others wait for that same
 *       fetch (or for a refresh already under way) and get its token or its exception.</li>
 * </ul>
 *
 * <pre>{@code
 * AccessTokenStore tokens = new CaffeineAccessTokenStore(Clock.systemUTC(), Duration.ofMinutes(1));
 * AccessToken token = tokens.get(() -> fetchFromWeChat());
 * }</pre>
 */
public final class CaffeineAccessTokenStore implements AccessTokenStore {
  /** How long before expiry the background refresh starts, by default. */
  public static final Duration DEFAULT_REFRESH_AHEAD = Duration.ofMinutes(5);
  /** How long after a failed refresh the next one may start, by default. */
  public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(30);
  private static final String KEY = "access-token";

  private final Cache<String, AccessToken> held;
  private final TokenFetches fetches;

  /**
   * With {@link CacheRuntime#of(Clock)}, {@link #DEFAULT_REFRESH_AHEAD} and {@link #DEFAULT_RETRY_DELAY}.
   *
   * @param clock the only source of time
   * @param safetyMargin how long before its expiry a token is no longer handed out
   */
  public CaffeineAccessTokenStore(Clock clock, Duration safetyMargin) {
    this(CacheRuntime.of(clock), safetyMargin, DEFAULT_REFRESH_AHEAD, DEFAULT_RETRY_DELAY);
  }

  /**
   * @param runtime clock, and the executor the background refresh runs on
   * @param safetyMargin how long before its expiry a token is no longer handed out
   * @param refreshAhead how long before its expiry a background refresh starts; at or below
   *     {@code safetyMargin} there is none and the token is fetched when it stops being usable
   * @param retryDelay how long after a failed refresh the next one may start
   */
  public CaffeineAccessTokenStore(CacheRuntime runtime, Duration safetyMargin, Duration refreshAhead,
      Duration retryDelay) {
    Objects.requireNonNull(runtime, "runtime");
    requireNotNegative(safetyMargin, "safetyMargin");
    requireNotNegative(refreshAhead, "refreshAhead");
    requireNotNegative(retryDelay, "retryDelay");
    ConcurrentStatsCounter stats = new ConcurrentStatsCounter();
    this.held = runtime.caffeine()
        .expireAfter(new UntilDeadline<String, AccessToken>(
            token -> CacheRuntime.nanos(token.expiresAt().minus(safetyMargin))))
        .recordStats(() -> stats)
        .build();
    this.fetches = new TokenFetches(held.asMap(), KEY, runtime, refreshAhead, retryDelay, stats);
  }

  @Override
  public AccessToken get(Supplier<AccessToken> fetcher) {
    Objects.requireNonNull(fetcher, "fetcher");
    AccessToken token = held.getIfPresent(KEY);
    if (token == null) {
      return fetches.awaitFetch(fetcher);
    }
    fetches.refreshIfDue(token, fetcher);
    return token;
  }

  @Override
  public void invalidate(AccessToken stale) {
    held.asMap().remove(KEY, stale);
  }

  /** @return hits (a usable token was held), misses, and fetches with their time and failures */
  public CacheStats stats() {
    return held.stats();
  }

  Cache<?, ?> cache() {
    return held;
  }

  private static void requireNotNegative(Duration duration, String name) {
    if (Objects.requireNonNull(duration, name).isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + duration);
    }
  }
}
