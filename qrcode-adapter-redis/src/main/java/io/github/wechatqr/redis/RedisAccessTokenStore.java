package io.github.wechatqr.redis;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.token.AccessTokenFetcher;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenEvents;
import io.github.wechatqr.domain.token.TokenKeeper;
import io.github.wechatqr.domain.token.TokenPolicy;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account's access token, shared by every instance that points at the same Redis, prefix and appid:
 * one token fetch per expiry cycle for the whole cluster. Every rule of {@link TokenKeeper} holds (one
 * fetch per process at a time, refresh-ahead off the caller's thread, a retry delay after a failed
 * refresh, remembered refusals, a forced fetch after a rejection, the safety margin), with the token kept
 * in Redis:
 * <ul>
 *   <li>No usable token: the threads of one instance share one attempt; across instances,
 *       {@code SET {prefix}:{appid}:lock:token owner NX PX lockTtl} elects the one that calls WeChat. It
 *       reads the token again first (another instance may just have stored one). The others poll (bounded
 *       backoff) until the winner's token appears or the lease lapses (a crashed winner), and give up with
 *       {@link UpstreamUnavailable} after {@code lockWait}.</li>
 *   <li>Refresh ahead ({@link TokenPolicy#refreshAhead()} before the expiry): one background refresh per
 *       instance, and through the same lock one fetch for the cluster; every caller meanwhile keeps the
 *       still valid token. A failed refresh is logged and the current token stays in use.</li>
 *   <li>The token is written, with {@code PX = expiresAt - now} from the store's clock, only while the
 *       writer still holds the lock, and the lock is released in the same script. A token that could not
 *       be shared (Redis failed, or the lease lapsed mid-fetch) is still handed to the caller.</li>
 *   <li>{@link #invalidate} deletes the token only if the stored value is still the stale one (a Lua
 *       compare-and-delete), so a late report never throws away a newer token; and it sets the marker
 *       {@code {prefix}:{appid}:token:rejected}, so the next fetch, by whichever instance, is forced
 *       ({@link io.github.wechatqr.domain.token.RefreshReason#REJECTED}). Storing a new token deletes it.</li>
 *   <li>Redis unreachable: {@code UpstreamUnavailable}, and WeChat is not called (every instance fetching
 *       its own token is the thrash this store exists to prevent).</li>
 *   <li>Stored contents are not trusted: a token value that is not of WeChat's shape (1..2048 characters of
 *       {@code A-Z a-z 0-9 - . _ ~ + / =}) counts as absent, with a WARN that never quotes it, and is
 *       replaced by the next fetch; a fetched token of another shape is handed out but not shared. A lock
 *       key without expiry, or with more left than {@code lockTtl}, is stale and taken over.</li>
 * </ul>
 * Every {@link #get} reads Redis (about one round trip), so an invalidation by one instance is seen by all.
 * Background work is logged through SLF4J under this class's name, without the token.
 *
 * <pre>{@code
 * AccessTokenStore.Factory tokens = redis.tokenStore("wx1234567890abcdef", Clock.systemUTC(), TokenPolicy.defaults());
 * // hand the factory to the gateway, which creates the store around its fetcher
 * }</pre>
 */
public final class RedisAccessTokenStore implements AccessTokenStore {
  private static final Logger LOG = LoggerFactory.getLogger(RedisAccessTokenStore.class);
  private final TokenKeeper keeper;
  private final RedisKeys keys;

  /**
   * @param onBusy told each time this store finds the lock held by another instance (tests gate on it)
   */
  RedisAccessTokenStore(RedisOps redis, RedisKeys keys, AccessTokenFetcher fetcher, Clock clock,
      TokenPolicy policy, RedisStoreSettings settings, Executor refreshes, Runnable onBusy) {
    this.keys = Objects.requireNonNull(keys, "keys");
    DistributedLock lock = new DistributedLock(redis, settings.lockTtl(), settings.lockWait(), onBusy);
    this.keeper = new TokenKeeper(new RedisTokenSlot(redis, keys, clock, lock), fetcher, clock, policy, refreshes,
        TokenEvents.describedTo(line -> LOG.debug("{}: {}", keys.token(), line),
            line -> LOG.warn("{}: {}", keys.token(), line)));
  }

  /**
   * {@inheritDoc}
   *
   * @throws UpstreamUnavailable also if Redis cannot be reached (WeChat is then not called), or another
   *     instance's fetch did not end within {@code lockWait}
   */
  @Override
  public AccessToken get() {
    return keeper.get();
  }

  /**
   * {@inheritDoc}
   *
   * @throws UpstreamUnavailable if Redis cannot be reached
   */
  @Override
  public void invalidate(AccessToken stale) {
    keeper.invalidate(stale);
  }

  /** Returns the durations this store keeps. */
  public TokenPolicy policy() {
    return keeper.policy();
  }

  RedisKeys keys() {
    return keys;
  }

  @Override
  public String toString() {
    return "RedisAccessTokenStore[key=" + keys.token() + ", policy=" + keeper.policy() + "]";
  }
}
