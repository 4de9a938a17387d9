package io.github.wechatqr.feign;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.port.AccessTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The gateway's default {@link AccessTokenStore}: one token in this process. Readers of a usable token
 * take no lock; when none is usable, one caller fetches while the others wait for its result. Processes
 * that share an account should share a store instead (Redis), or each of them refreshes on its own.
 */
final class LocalAccessTokenStore implements AccessTokenStore {
  static final Duration DEFAULT_MARGIN = Duration.ofMinutes(5);

  private final Clock clock;
  private final Duration margin;
  private final ReentrantLock fetching = new ReentrantLock();
  private volatile AccessToken current;

  LocalAccessTokenStore(Clock clock, Duration margin) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.margin = Objects.requireNonNull(margin, "margin");
  }

  @Override
  public AccessToken get(Supplier<AccessToken> fetcher) {
    AccessToken held = current;
    if (held != null && held.isUsableAt(clock.instant(), margin)) {
      return held;
    }
    fetching.lock();
    try {
      held = current; // another caller may have fetched while this one waited
      if (held != null && held.isUsableAt(clock.instant(), margin)) {
        return held;
      }
      current = null;
      AccessToken fetched = Objects.requireNonNull(fetcher.get(), "the fetcher returned no token");
      current = fetched;
      return fetched;
    } finally {
      fetching.unlock();
    }
  }

  @Override
  public void invalidate(AccessToken stale) {
    fetching.lock();
    try {
      if (stale != null && stale.equals(current)) {
        current = null;
      }
    } finally {
      fetching.unlock();
    }
  }

  @Override
  public String toString() {
    return "LocalAccessTokenStore[margin=" + margin + ", holding=" + (current != null) + "]";
  }
}
