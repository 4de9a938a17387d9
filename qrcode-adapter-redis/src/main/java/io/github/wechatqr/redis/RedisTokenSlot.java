package io.github.wechatqr.redis;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.token.RefreshReason;
import io.github.wechatqr.domain.token.TokenSlot;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token of one account in Redis, shared by every instance with the same Redis, prefix and appid.
 * <ul>
 *   <li>{@link #current()}: one {@code HGETALL} of {@code {prefix}:{appid}:token}.</li>
 *   <li>{@link #renew}: under the {@link DistributedLock} {@code {prefix}:{appid}:lock:token}. The holder
 *       reads the token again and fetches only if the renewal still needs it, with
 *       {@link RefreshReason#REJECTED} while the marker {@code {prefix}:{appid}:token:rejected} is set. The
 *       {@link #STORE} script writes the token ({@code PX} from the store's clock), deletes the marker and
 *       releases the lock, all only while the holder still owns the lock. Waiters poll until a token the
 *       renewal accepts appears, or the lease lapses and one of them takes over.</li>
 *   <li>{@link #reject}: the {@link #REJECT} script deletes the token only if it still holds the rejected
 *       value, and then sets the marker, so whichever instance fetches next forces a new token.</li>
 * </ul>
 */
final class RedisTokenSlot implements TokenSlot {
  private static final Logger LOG = LoggerFactory.getLogger(RedisTokenSlot.class);
  /**
   * How long a rejection stays on record when no token is stored after it: a token's lifetime, after which
   * the rejected token has expired anyway and a plain fetch cannot hand it back.
   */
  static final Duration REJECTION_KEPT = Duration.ofHours(2);
  /** The STORE script's answer: written, the marker deleted and the lock released. */
  static final long STORED = 1;
  /** The STORE script's answer: the value is the one rejected while it was being fetched; nothing written. */
  static final long REJECTED_MEANWHILE = 2;
  /**
   * KEYS: token, lock, rejection marker. ARGV: owner, PX, the token's value, field, value, ... Writes only
   * while {@code owner} holds the lock, and never the very value a rejection is on record for (a plain
   * fetch that was under way when the rejection came may bring the rejected token back).
   */
  static final String STORE = """
      if redis.call('get', KEYS[2]) ~= ARGV[1] then return 0 end
      if redis.call('get', KEYS[3]) == ARGV[3] then return 2 end
      redis.call('del', KEYS[1])
      redis.call('hset', KEYS[1], unpack(ARGV, 4))
      redis.call('pexpire', KEYS[1], ARGV[2])
      redis.call('del', KEYS[3])
      redis.call('del', KEYS[2])
      return 1""";
  /**
   * KEYS: token, rejection marker. ARGV: the stale value, the marker's PX. Deletes the token and sets the
   * marker only if the stored value is the stale one; pcall: an entry of another type is simply not it.
   */
  static final String REJECT = """
      if redis.pcall('hget', KEYS[1], 'value') ~= ARGV[1] then return 0 end
      redis.call('del', KEYS[1])
      redis.call('set', KEYS[2], ARGV[1], 'PX', ARGV[2])
      return 1""";
  private final RedisOps redis;
  private final RedisKeys keys;
  private final Clock clock;
  private final DistributedLock lock;

  RedisTokenSlot(RedisOps redis, RedisKeys keys, Clock clock, DistributedLock lock) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lock = Objects.requireNonNull(lock, "lock");
  }

  @Override
  public @Nullable AccessToken current() {
    return Layout.readOrSkip(keys.token(), redis.fields(keys.token()), TokenLayout::read).orElse(null);
  }

  @Override
  public AccessToken renew(Renewal renewal) {
    Objects.requireNonNull(renewal, "renewal");
    return lock.run(keys.tokenLock(), "fetching the access token", lock.deadline(),
        owner -> renewHolding(renewal, owner),
        () -> Optional.ofNullable(current()).filter(token -> !renewal.needed(token)));
  }

  @Override
  public boolean reject(AccessToken stale) {
    return redis.script("rejecting the access token", REJECT, new String[] {keys.token(), keys.tokenRejected()},
        stale.value(), Long.toString(REJECTION_KEPT.toMillis())) == 1;
  }

  private AccessToken renewHolding(Renewal renewal, String owner) {
    AccessToken held = current();
    if (!renewal.needed(held)) {
      return held; // another instance renewed it while this one waited for the lock
    }
    boolean rejected = redis.exists(keys.tokenRejected());
    AccessToken fresh = renewal.fetch(rejected ? RefreshReason.REJECTED : RefreshReason.DUE);
    if (share(fresh, owner) == REJECTED_MEANWHILE) {
      LOG.warn("The access token fetched for {} was rejected by another caller while it was being fetched;"
          + " fetching a different one", keys.token());
      fresh = renewal.fetch(RefreshReason.REJECTED);
      if (share(fresh, owner) == REJECTED_MEANWHILE) {
        throw new UpstreamUnavailable("the token endpoint handed back the token just rejected, although asked"
            + " for a new one");
      }
    }
    return fresh;
  }

  /**
   * @return the STORE script's answer; 0 also when Redis failed or the token is not of WeChat's shape
   *     (logged: the token is still handed out)
   */
  private long share(AccessToken fresh, String owner) {
    String misshapen = Shapes.token(fresh.value());
    if (misshapen != null) {
      LOG.warn("The access token fetched for {} {}; it is handed out but not shared, because no instance"
          + " would read it back from Redis", keys.token(), misshapen);
      return 0;
    }
    // The keeper checked the token usable; at least 1 ms, as PX must be positive.
    long ttl = Math.max(1, Duration.between(clock.instant(), fresh.expiresAt()).toMillis());
    try {
      long answer = redis.script("storing the access token", STORE,
          new String[] {keys.token(), keys.tokenLock(), keys.tokenRejected()},
          Layout.arguments(TokenLayout.write(fresh), owner, Long.toString(ttl), fresh.value()));
      if (answer == 0) {
        LOG.warn("The lock {} lapsed before the token fetch finished, so the new token was not shared;"
            + " raise lockTtl above the slowest token call", keys.tokenLock());
      }
      return answer;
    } catch (UpstreamUnavailable e) {
      // The token is valid: hand it to the caller rather than waste a fetch from the daily quota.
      LOG.warn("Could not share the new access token: {}", e.getMessage());
      return 0;
    }
  }

  @Override
  public String toString() {
    return "RedisTokenSlot[key=" + keys.token() + "]";
  }
}
