package io.github.wechatqr.redis;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.port.AccessTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account's access token, shared by every instance that points at the same Redis, prefix and appid:
 * one token fetch per expiry cycle for the whole cluster.
 * <ul>
 *   <li>No usable token: the threads of one instance share one attempt; across instances,
 *       {@code SET {prefix}:{appid}:lock:token owner NX PX lockTtl} elects the one that calls WeChat. The
 *       others poll (bounded backoff) until the winner's token appears or the lease lapses (a crashed
 *       winner), and give up with {@link UpstreamUnavailable} after {@code lockWait}.</li>
 *   <li>Inside the refresh window ({@code refreshAhead} before the expiry, but before the safety margin):
 *       the first caller that gets the lock fetches a new token and shares it; every caller meanwhile,
 *       the refreshing one included, is handed the still valid current token. A failed refresh is logged
 *       and the current token stays in use.</li>
 *   <li>The token is written, with {@code PX = expiresAt - now} from the store's clock, only while the
 *       writer still holds the lock, and the lock is released in the same script.</li>
 *   <li>{@link #invalidate} deletes the token only if the stored value is still the stale one (a Lua
 *       compare-and-delete), so a late report never throws away a newer token.</li>
 *   <li>Redis unreachable: {@code UpstreamUnavailable}, and WeChat is not called (every instance fetching
 *       its own token is the thrash this store exists to prevent).</li>
 * </ul>
 * Every {@link #get} reads Redis (about one round trip), so an invalidation by one instance is seen by all.
 *
 * <pre>{@code
 * AccessTokenStore tokens = redis.accessTokenStore("wx1234567890abcdef", Clock.systemUTC(), Duration.ofMinutes(1));
 * AccessToken token = tokens.get(() -> fetchFromWeChat());
 * }</pre>
 */
public final class RedisAccessTokenStore implements AccessTokenStore {
  private static final Logger LOG = LoggerFactory.getLogger(RedisAccessTokenStore.class);
  /** KEYS: token, lock. ARGV: owner, PX, field, value, ... Writes only while {@code owner} holds the lock. */
  static final String STORE = """
      if redis.call('get', KEYS[2]) ~= ARGV[1] then return 0 end
      redis.call('del', KEYS[1])
      redis.call('hset', KEYS[1], unpack(ARGV, 3))
      redis.call('pexpire', KEYS[1], ARGV[2])
      redis.call('del', KEYS[2])
      return 1""";
  /** KEYS: token. ARGV: the stale value. pcall: an entry of another type is simply not the stale token. */
  static final String INVALIDATE = """
      if redis.pcall('hget', KEYS[1], 'value') == ARGV[1] then return redis.call('del', KEYS[1]) end
      return 0""";
  private final RedisOps redis;
  private final RedisKeys keys;
  private final Clock clock;
  private final Duration safetyMargin;
  private final Duration refreshAhead;
  private final DistributedLock lock;
  private final LocalFlight<AccessToken> flight = new LocalFlight<>();
  private final AtomicBoolean refreshing = new AtomicBoolean();

  RedisAccessTokenStore(RedisOps redis, RedisKeys keys, Clock clock, Duration safetyMargin,
      RedisStoreSettings settings, Runnable onBusy) {
    this.redis = redis;
    this.keys = keys;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.safetyMargin = Objects.requireNonNull(safetyMargin, "safetyMargin");
    this.refreshAhead = settings.refreshAhead();
    this.lock = new DistributedLock(redis, settings.lockTtl(), settings.lockWait(), onBusy);
  }

  @Override
  public AccessToken get(Supplier<AccessToken> fetcher) {
    Objects.requireNonNull(fetcher, "fetcher");
    Optional<AccessToken> held = usable();
    if (held.isPresent()) {
      if (!held.get().isUsableAt(clock.instant(), refreshAhead)) {
        refreshAhead(fetcher);
      }
      return held.get();
    }
    Deadline deadline = lock.deadline();
    return flight.joinOrRun(() -> lock.run(keys.tokenLock(), "fetching the access token", deadline,
        owner -> usable().orElseGet(() -> fetchAndShare(fetcher, owner)), this::usable), deadline);
  }

  @Override
  public void invalidate(AccessToken stale) {
    redis.script("invalidating the access token", INVALIDATE, new String[] {keys.token()}, stale.value());
  }

  private Optional<AccessToken> usable() {
    return Layout.readOrSkip(keys.token(), redis.fields(keys.token()), TokenLayout::read)
        .filter(token -> token.isUsableAt(clock.instant(), safetyMargin));
  }

  /** One refresh per instance at a time and, through the lock, per cluster; never blocks the caller long. */
  private void refreshAhead(Supplier<AccessToken> fetcher) {
    if (!refreshing.compareAndSet(false, true)) {
      return;
    }
    try {
      lock.tryAcquire(keys.tokenLock()).ifPresent(owner -> {
        try {
          boolean stillDue = usable().filter(t -> t.isUsableAt(clock.instant(), refreshAhead)).isEmpty();
          if (stillDue) {
            fetchAndShare(fetcher, owner);
          }
        } finally {
          lock.release(keys.tokenLock(), owner);
        }
      });
    } catch (RuntimeException e) {
      LOG.warn("Refreshing the access token ahead of its expiry failed, the current one stays in use: {}",
          e instanceof QrCodeException ? e.getMessage() : e.getClass().getName());
    } finally {
      refreshing.set(false);
    }
  }

  private AccessToken fetchAndShare(Supplier<AccessToken> fetcher, String owner) {
    AccessToken fresh = Objects.requireNonNull(fetcher.get(), "the fetcher returned no token");
    long ttl = Duration.between(clock.instant(), fresh.expiresAt()).toMillis();
    if (ttl <= 0) {
      return fresh; // already expired by our clock: nothing worth sharing
    }
    try {
      long stored = redis.script("storing the access token", STORE, new String[] {keys.token(), keys.tokenLock()},
          Layout.arguments(TokenLayout.write(fresh), owner, Long.toString(ttl)));
      if (stored == 0) {
        LOG.warn("The lock {} lapsed before the token fetch finished, so the new token was not shared;"
            + " raise lockTtl above the slowest token call", keys.tokenLock());
      }
    } catch (UpstreamUnavailable e) {
      // The token is valid: hand it to the caller rather than waste a fetch from the daily quota.
      LOG.warn("Could not share the new access token: {}", e.getMessage());
    }
    return fresh;
  }
}
