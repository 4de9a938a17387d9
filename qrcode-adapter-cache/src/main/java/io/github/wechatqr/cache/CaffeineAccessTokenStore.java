package io.github.wechatqr.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.token.AccessTokenFetcher;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.InProcessTokenSlot;
import io.github.wechatqr.domain.token.TokenEvents;
import io.github.wechatqr.domain.token.TokenKeeper;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.domain.token.TokenSlot;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process {@link AccessTokenStore} with Caffeine's statistics: every rule of {@link TokenKeeper}
 * (one fetch at a time, refresh ahead on the runtime's executor so callers never wait while a usable token
 * exists, a retry delay, remembered refusals, a forced fetch after a rejection), and the token mirrored in
 * a Caffeine cache that hides it from {@code safetyMargin} before its expiry, by the runtime's clock, and
 * counts hits, misses and fetches ({@link #stats()}, and as Micrometer meters through
 * {@link CacheMetrics#of(CaffeineAccessTokenStore, io.micrometer.core.instrument.Tag...)}).
 *
 * <pre>{@code
 * FeignQrCodeGateway gateway = FeignQrCodeGateway.builder()
 *     .appId(appId).secret(secret)
 *     .tokenStore(CaffeineAccessTokenStore.factory(CacheRuntime.of(clock), TokenPolicy.defaults()))
 *     .build();
 * }</pre>
 */
public final class CaffeineAccessTokenStore implements AccessTokenStore {
  private static final String KEY = "access-token";
  private static final Logger LOG = LoggerFactory.getLogger(CaffeineAccessTokenStore.class);
  private static final TokenEvents EVENTS = TokenEvents.describedTo(LOG::debug, LOG::warn);

  private final Cache<String, AccessToken> held;
  private final ConcurrentStatsCounter stats = new ConcurrentStatsCounter();
  private final TokenKeeper keeper;

  private CaffeineAccessTokenStore(CacheRuntime runtime, TokenPolicy policy, AccessTokenFetcher fetcher) {
    this.held = runtime.caffeine()
        .expireAfter(new UntilDeadline<String, AccessToken>(
            token -> CacheRuntime.nanos(token.expiresAt().minus(policy.safetyMargin()))))
        .recordStats(() -> stats)
        .build();
    this.keeper = new TokenKeeper(new Mirrored(new InProcessTokenSlot()), fetcher, runtime.clock(), policy,
        runtime.executor(), EVENTS);
  }

  /**
   * Makes token stores that keep the access token in this process, refreshing it ahead of expiry in the background.
   *
   * @param runtime the clock, and the executor background refreshes run on
   * @param policy the durations (safety margin, refresh-ahead, retry delay, failure back-off)
   * @return a factory of stores; the gateway hands each its fetcher
   */
  public static AccessTokenStore.Factory factory(CacheRuntime runtime, TokenPolicy policy) {
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(policy, "policy");
    return fetcher -> new CaffeineAccessTokenStore(runtime, policy, Objects.requireNonNull(fetcher, "fetcher"));
  }

  @Override
  public AccessToken get() {
    return keeper.get();
  }

  @Override
  public void invalidate(AccessToken stale) {
    keeper.invalidate(stale);
  }

  /** Returns hits (a usable token was held), misses, and fetches with their time and failures. */
  public CacheStats stats() {
    return held.stats();
  }

  Cache<?, ?> cache() {
    return held;
  }

  @Override
  public String toString() {
    return "CaffeineAccessTokenStore[" + keeper + "]";
  }

  /** The in-process slot, with its token mirrored in the cache for expiry by the clock and statistics. */
  private final class Mirrored implements TokenSlot {
    private final InProcessTokenSlot slot;

    Mirrored(InProcessTokenSlot slot) {
      this.slot = slot;
    }

    @Override
    public @Nullable AccessToken current() {
      return held.getIfPresent(KEY); // records the hit or the miss
    }

    @Override
    public AccessToken renew(Renewal renewal) {
      long start = System.nanoTime(); // measures the fetch, not domain time
      try {
        AccessToken token = slot.renew(renewal);
        held.put(KEY, token);
        stats.recordLoadSuccess(System.nanoTime() - start);
        return token;
      } catch (RuntimeException | Error failure) {
        stats.recordLoadFailure(System.nanoTime() - start);
        throw failure;
      }
    }

    @Override
    public boolean reject(AccessToken stale) {
      boolean rejected = slot.reject(stale);
      if (rejected) {
        held.invalidate(KEY);
      }
      return rejected;
    }

    @Override
    public String toString() {
      return slot.toString();
    }
  }
}
