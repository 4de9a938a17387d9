package io.github.wechatqr.redis;

import io.github.wechatqr.domain.UpstreamUnavailable;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lease in Redis: {@code SET key owner NX PX ttl} with a random owner token per attempt, released by
 * compare-and-delete of that token. A holder that crashes blocks the others for at most {@code ttl}.
 *
 * <p>A lease this class sets always expires within {@code ttl}. A lock key found without an expiry, or
 * with more than {@code ttl} left, was not set by a holder with these settings (planted, or left by a bug
 * or by other software): it is stale, and the {@link #TAKE_OVER} script replaces it with this attempt's
 * lease atomically, logged at WARN. Without that, such a key would block every attempt forever, each one
 * failing after {@code lockWait}. Every instance sharing the keys must therefore use the same
 * {@code lockTtl}: an instance with a longer one would have its leases taken over.
 *
 * <p>Lettuce replays commands that were in flight when a connection dropped. A replayed or late
 * {@code SET NX} is harmless here: its owner token is random and known to one attempt only, so no other
 * attempt's compare-and-delete can ever mistake it for its own, and it lapses after {@code ttl}. When the
 * replay answers "not set" because the first execution did set it, {@link #tryAcquire(String, String)} still recognises
 * the lease as its own by reading the owner back.
 */
final class DistributedLock {
  private static final Logger LOG = LoggerFactory.getLogger(DistributedLock.class);
  static final String RELEASE = """
      if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
      return 0""";
  /**
   * KEYS: the lock. ARGV: owner, the lease in ms. Run after {@code SET NX} found the key taken. Answers
   * {@link #OURS} if {@code owner} holds it (a replayed {@code SET} did set it) or it lapsed meanwhile and
   * is now taken, {@link #HELD} if a lease within {@code ttl} holds it, otherwise it took the stale key
   * over: {@link #HAD_NO_EXPIRY}, or minus the milliseconds the stale key had left. {@code pcall}: a key
   * of another type is simply not {@code owner}.
   */
  static final String TAKE_OVER = """
      if redis.pcall('get', KEYS[1]) == ARGV[1] then return 1 end
      local left = redis.call('pttl', KEYS[1])
      if left == -2 then
        if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
        return 0
      end
      if left ~= -1 and left <= tonumber(ARGV[2]) then return 0 end
      redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
      if left == -1 then return -1 end
      return -left""";
  static final long OURS = 1;
  static final long HELD = 0;
  static final long HAD_NO_EXPIRY = -1;
  private final RedisOps redis;
  private final Duration ttl;
  private final Duration wait;
  private final Runnable onBusy;

  /**
   * @param onBusy told each time a caller finds the lock held by someone else (tests gate on it)
   */
  DistributedLock(RedisOps redis, Duration ttl, Duration wait, Runnable onBusy) {
    this.redis = redis;
    this.ttl = ttl;
    this.wait = wait;
    this.onBusy = onBusy;
  }

  /** @return the owner token if this attempt now holds the lock */
  Optional<String> tryAcquire(String key) {
    return tryAcquire(key, UUID.randomUUID().toString());
  }

  /**
   * @return {@code owner} if it now holds the lock: the key was free, an earlier execution of this attempt
   *     set it, or it was stale (no expiry, or more than {@code ttl} left) and was taken over
   */
  Optional<String> tryAcquire(String key, String owner) {
    if (redis.setIfAbsent(key, owner, ttl)) {
      return Optional.of(owner);
    }
    long answer = redis.script("locking " + key, TAKE_OVER, new String[] {key}, owner,
        Long.toString(ttl.toMillis()));
    if (answer == HELD) {
      onBusy.run();
      return Optional.empty();
    }
    if (answer != OURS) {
      LOG.warn("Took over the Redis lock {}: it {}, but a lease is never longer than lockTtl {}, so it was"
          + " stale (planted, left by a bug, or set by an instance with a longer lockTtl: give every instance the"
          + " same one)", Printable.of(key),
          answer == HAD_NO_EXPIRY ? "had no expiry" : "had " + -answer + " ms left", ttl);
    }
    return Optional.of(owner);
  }

  /** Deletes the lock only if {@code owner} still holds it; a failure is logged, the lease then lapses. */
  void release(String key, String owner) {
    try {
      redis.script("releasing " + key, RELEASE, new String[] {key}, owner);
    } catch (UpstreamUnavailable e) {
      LOG.warn("Could not release {} ({}); it lapses within {}", key, e.getMessage(), ttl);
    }
  }

  Deadline deadline() {
    return Deadline.in(wait);
  }

  /**
   * Runs {@code work} under the lock, waiting for it up to the deadline. While waiting, {@code meanwhile}
   * may supply the result another holder produced (the token it wrote), which ends the wait.
   *
   * @param what what the holder is doing, for the error message
   * @throws UpstreamUnavailable when the deadline passes first, or Redis fails
   */
  <T> T run(String key, String what, Deadline deadline, Function<String, T> work, Supplier<Optional<T>> meanwhile) {
    while (true) {
      Optional<String> owner = tryAcquire(key);
      if (owner.isPresent()) {
        try {
          return work.apply(owner.get());
        } finally {
          release(key, owner.get());
        }
      }
      Optional<T> produced = meanwhile.get();
      if (produced.isPresent()) {
        return produced.get();
      }
      if (!deadline.pause()) {
        throw new UpstreamUnavailable("Gave up after " + wait + " waiting for another instance " + what
            + " (Redis lock " + key + " still held; a crashed holder's lease lapses within " + ttl + ")");
      }
    }
  }
}
