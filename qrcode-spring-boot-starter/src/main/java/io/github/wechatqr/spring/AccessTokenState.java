package io.github.wechatqr.spring;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.WeChatApiException;
import io.github.wechatqr.domain.port.AccessTokenStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What is known about the account's access token, without the token: until when the token last handed out
 * is valid, when the last fetch succeeded, and the last fetch failure. The gateway's token store is wrapped
 * by {@link #observe(AccessTokenStore)}, so every hand-out and every fetch through it is recorded; the
 * actuator health indicator reads this. Thread-safe.
 *
 * <pre>{@code
 * @Autowired AccessTokenState tokenState;
 * tokenState.validUntil().ifPresent(until -> log.info("access token valid until {}", until));
 * }</pre>
 */
public final class AccessTokenState {
  private final Clock clock;
  private final AtomicReference<Instant> validUntil = new AtomicReference<>();
  private final AtomicReference<Instant> lastRefresh = new AtomicReference<>();
  private final AtomicReference<RefreshFailure> lastFailure = new AtomicReference<>();

  /** @param clock stamps fetches and failures */
  public AccessTokenState(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A failed token fetch.
   *
   * @param at when it failed
   * @param error the exception's simple class name, e.g. {@code CredentialsRejected}
   * @param errcode WeChat's errcode, when WeChat answered one
   * @param message the domain exception's message (these never hold a secret); empty for any other exception
   */
  public record RefreshFailure(Instant at, String error, Integer errcode, String message) {
    /** Checks presence. */
    public RefreshFailure {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(message, "message");
    }

    static RefreshFailure of(Instant at, RuntimeException failure) {
      Integer errcode = failure instanceof WeChatApiException api ? api.errcode() : null;
      // Only the domain's exceptions promise secret-free messages; of anything else the type is enough.
      String message = failure instanceof QrCodeException && failure.getMessage() != null ? failure.getMessage() : "";
      return new RefreshFailure(at, failure.getClass().getSimpleName(), errcode, message);
    }
  }

  /** @return the expiry of the token last handed out; absent before the first, or after WeChat rejected it */
  public Optional<Instant> validUntil() {
    return Optional.ofNullable(validUntil.get());
  }

  /** @return when the last successful fetch from WeChat completed, if any did in this process */
  public Optional<Instant> lastRefresh() {
    return Optional.ofNullable(lastRefresh.get());
  }

  /** @return the last failed fetch, unless a fetch succeeded since */
  public Optional<RefreshFailure> lastFailure() {
    return Optional.ofNullable(lastFailure.get());
  }

  /**
   * @param now an instant
   * @return whether the token last handed out is still valid at {@code now}
   */
  public boolean holdsValidTokenAt(Instant now) {
    Instant until = validUntil.get();
    return until != null && now.isBefore(until);
  }

  /**
   * @param store the store the gateway keeps its token in
   * @return the same store, recording into this state
   */
  public AccessTokenStore observe(AccessTokenStore store) {
    return new ObservedAccessTokenStore(Objects.requireNonNull(store, "store"), this);
  }

  AccessToken fetch(Supplier<AccessToken> fetcher) {
    try {
      AccessToken token = fetcher.get();
      lastRefresh.set(clock.instant());
      lastFailure.set(null);
      return token;
    } catch (RuntimeException e) {
      lastFailure.set(RefreshFailure.of(clock.instant(), e));
      throw e;
    }
  }

  void handedOut(AccessToken token) {
    validUntil.set(token.expiresAt());
  }

  void rejected(AccessToken stale) {
    validUntil.compareAndSet(stale.expiresAt(), null);
  }

  /** Dates and the failure only; there is no token to show. */
  @Override
  public String toString() {
    return "AccessTokenState[validUntil=" + validUntil.get() + ", lastRefresh=" + lastRefresh.get()
        + ", lastFailure=" + lastFailure.get() + "]";
  }
}
