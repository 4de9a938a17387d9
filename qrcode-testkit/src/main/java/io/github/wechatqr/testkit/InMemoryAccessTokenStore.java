package io.github.wechatqr.testkit;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.port.AccessTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An {@link AccessTokenStore} guarded by one lock: callers wait while one of them fetches. A token is
 * handed out while it is usable with the safety margin; no refresh ahead of time.
 *
 * <pre>{@code
 * AccessTokenStore tokens = new InMemoryAccessTokenStore(clock, Duration.ofMinutes(5));
 * }</pre>
 */
public final class InMemoryAccessTokenStore implements AccessTokenStore {
  private final Clock clock;
  private final Duration safetyMargin;
  private AccessToken current;

  /**
   * @param clock the time source
   * @param safetyMargin how long before its expiry a token is no longer handed out
   */
  public InMemoryAccessTokenStore(Clock clock, Duration safetyMargin) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.safetyMargin = Objects.requireNonNull(safetyMargin, "safetyMargin");
  }

  @Override
  public synchronized AccessToken get(Supplier<AccessToken> fetcher) {
    if (current == null || !current.isUsableAt(clock.instant(), safetyMargin)) {
      current = null;
      current = Objects.requireNonNull(fetcher.get(), "the fetcher returned no token");
    }
    return current;
  }

  @Override
  public synchronized void invalidate(AccessToken stale) {
    if (stale.equals(current)) {
      current = null;
    }
  }
}
