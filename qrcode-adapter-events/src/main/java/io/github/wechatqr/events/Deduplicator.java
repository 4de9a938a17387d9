package io.github.wechatqr.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which pushes were handled, for a bounded time and count, so WeChat's retries reach the
 * listener once. A push is claimed while its listener runs (a concurrent duplicate is told to come
 * back later) and marked seen only when the listener returned normally; an abandoned claim is dropped,
 * so the next retry is handled afresh.
 */
final class Deduplicator {
  /** The outcome of a claim. */
  enum Claim {
    /** Not seen and not in progress: the caller handles it and then reports back. */
    FIRST,
    /** Handled already within the window. */
    DUPLICATE,
    /** Another thread is handling the same push right now. */
    IN_PROGRESS
  }

  /** The first and last instants a long of epoch nanoseconds holds (years 1677 and 2262). */
  private static final Instant FIRST_NANO = Instant.ofEpochSecond(0, Long.MIN_VALUE);
  private static final Instant LAST_NANO = Instant.ofEpochSecond(0, Long.MAX_VALUE);

  private final Cache<Fingerprint, Boolean> seen;
  private final Set<Fingerprint> inFlight = ConcurrentHashMap.newKeySet();

  /**
   * @param clock the time the window is measured in (a Caffeine ticker reads it)
   * @param window how long a handled push is remembered
   * @param capacity how many handled pushes are remembered at most
   */
  Deduplicator(Clock clock, Duration window, long capacity) {
    this.seen = Caffeine.newBuilder()
        .ticker(() -> nanos(clock.instant()))
        .expireAfterWrite(window)
        .maximumSize(capacity)
        .executor(Runnable::run) // maintenance on the calling thread: no pool, no surprise
        .build();
  }

  /** An instant as epoch nanoseconds, saturating beyond a long's range rather than wrapping round. */
  static long nanos(Instant instant) {
    if (instant.isAfter(LAST_NANO)) {
      return Long.MAX_VALUE;
    }
    if (instant.isBefore(FIRST_NANO)) {
      return Long.MIN_VALUE;
    }
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  /**
   * @param key the push
   * @return whether the caller should handle it
   */
  Claim claim(Fingerprint key) {
    if (seen.getIfPresent(key) != null) {
      return Claim.DUPLICATE;
    }
    if (!inFlight.add(key)) {
      return Claim.IN_PROGRESS;
    }
    // Another thread may have finished the same push between the first look and the claim: it marks
    // the push seen before it lets go of the claim, so this second look cannot miss it.
    if (seen.getIfPresent(key) != null) {
      inFlight.remove(key);
      return Claim.DUPLICATE;
    }
    return Claim.FIRST;
  }

  /** @param key a claimed push its listener handled: remembered for the window */
  void completed(Fingerprint key) {
    seen.put(key, Boolean.TRUE);
    inFlight.remove(key);
  }

  /** @param key a claimed push that failed: forgotten, so a retry is handled again */
  void abandoned(Fingerprint key) {
    inFlight.remove(key);
  }
}
