package io.github.wechatqr.spring;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.WeChatApiException;
import io.github.wechatqr.domain.token.AccessTokenFetcher;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.RefreshReason;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * What is known about the account's access token, without the token: until when the token last handed out
 * is valid, when the last fetch succeeded, and the last fetch failure. The gateway's token store factory is
 * wrapped by {@link #observe(AccessTokenStore.Factory)}, so every hand-out and rejection through the store it
 * makes, and every fetch that store makes (background refreshes included), is recorded; the actuator health
 * indicator reads this. Thread-safe.
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
  private final AtomicReference<AccessTokenStore> store = new AtomicReference<>();

  /**
   * Creates an empty state.
   *
   * @param clock stamps fetches and failures
   */
  public AccessTokenState(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A failed token fetch.
   *
   * @param at when it failed
   * @param error the exception's simple class name, e.g. {@code CredentialsRejected}
   * @param errcode WeChat's errcode, when WeChat answered one (a refusal, or {@code -1} when it was busy)
   * @param message the domain exception's message (these never hold a secret); empty for any other exception
   */
  public record RefreshFailure(Instant at, String error, @Nullable Integer errcode, String message) {
    /** Checks presence. */
    public RefreshFailure {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(message, "message");
    }

    static RefreshFailure of(Instant at, RuntimeException failure) {
      // Only the domain's exceptions promise secret-free messages; of anything else the type is enough.
      String message = failure instanceof QrCodeException && failure.getMessage() != null ? failure.getMessage() : "";
      return new RefreshFailure(at, failure.getClass().getSimpleName(), errcode(failure), message);
    }

    private static @Nullable Integer errcode(RuntimeException failure) {
      if (failure instanceof WeChatApiException refusal) {
        return refusal.errcode();
      }
      if (failure instanceof UpstreamUnavailable unavailable && unavailable.errcode().isPresent()) {
        return unavailable.errcode().getAsInt(); // -1: WeChat was busy
      }
      return null;
    }
  }

  /** Returns the expiry of the token last handed out; absent before the first, or after WeChat rejected it. */
  public Optional<Instant> validUntil() {
    return Optional.ofNullable(validUntil.get());
  }

  /** Returns when the last successful fetch from WeChat completed, if any did in this process. */
  public Optional<Instant> lastRefresh() {
    return Optional.ofNullable(lastRefresh.get());
  }

  /** Returns the last failed fetch, unless a fetch succeeded since. */
  public Optional<RefreshFailure> lastFailure() {
    return Optional.ofNullable(lastFailure.get());
  }

  /**
   * Tells whether the token last handed out is still valid at {@code now}.
   *
   * @param now an instant
   * @return whether the token last handed out is still valid at {@code now}
   */
  public boolean holdsValidTokenAt(Instant now) {
    Instant until = validUntil.get();
    return until != null && now.isBefore(until);
  }

  /**
   * Wraps a token store factory so that every fetch, hand-out and rejection is recorded in this state.
   *
   * @param factory makes the store the gateway keeps its token in
   * @return a factory that hands {@code factory} a fetcher recording every fetch into this state, and wraps
   *     the store it makes so that every hand-out and rejection is recorded too; stores keep their rules
   */
  public AccessTokenStore.Factory observe(AccessTokenStore.Factory factory) {
    return new ObservedAccessTokenStore.Factory(Objects.requireNonNull(factory, "factory"), this);
  }

  /**
   * @return the store an observed factory made last, as that factory made it (not the observing wrapper),
   *     e.g. a {@code CaffeineAccessTokenStore} whose statistics the metrics bind; absent before a gateway
   *     was built with an observed factory
   */
  Optional<AccessTokenStore> store() {
    return Optional.ofNullable(store.get());
  }

  void created(AccessTokenStore made) {
    store.set(made);
  }

  AccessToken fetch(AccessTokenFetcher fetcher, RefreshReason reason) {
    try {
      AccessToken token = fetcher.fetch(reason);
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
