package io.github.wechatqr.domain.token;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.WeChatApiException;
import io.github.wechatqr.domain.concurrent.SingleFlight;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Every rule an {@link AccessTokenStore} keeps, over a {@link TokenSlot} that says where the token lives:
 * <ul>
 *   <li><b>Single flight:</b> without a usable token, one caller of this process fetches and the others
 *       wait for that fetch and get its token or its exception. A refresh under way is joined too, so a
 *       background refresh and a waiting fetch never run side by side.</li>
 *   <li><b>Refresh ahead:</b> from {@link TokenPolicy#refreshAhead()} before the expiry, the first caller
 *       starts one refresh on the executor and every caller keeps getting the current token at once; no
 *       caller ever waits for it while the current token is usable.</li>
 *   <li><b>Retry delay:</b> after a failed background refresh, or one that brought no newer token, the next
 *       starts no sooner than {@link TokenPolicy#retryDelay()} later.</li>
 *   <li><b>Remembered refusals:</b> a {@link WeChatApiException} from the token call (a wrong secret, an IP
 *       not whitelisted, the daily quota: nothing a retry cures) is thrown again to every caller without a
 *       call until {@link TokenPolicy#failureBackoff()} has passed. Failures worth retrying
 *       ({@link UpstreamUnavailable}) are not remembered.</li>
 *   <li><b>Forced after a rejection:</b> {@link #invalidate} records the rejection in the slot, and the next
 *       fetch, whoever causes it, is made with {@link RefreshReason#REJECTED}.</li>
 *   <li>A token is handed out only while usable with the safety margin; a fetched token that is not is an
 *       {@link UpstreamUnavailable}.</li>
 * </ul>
 * Time comes from the injected clock only.
 *
 * <pre>{@code
 * AccessTokenStore.Factory tokens = TokenKeeper.inProcess(Clock.systemUTC(), TokenPolicy.defaults());
 * }</pre>
 */
public final class TokenKeeper implements AccessTokenStore {
  /**
   * Runs each background refresh on a new daemon thread: one every two hours or so, which ends with the
   * fetch (bounded by the gateway's deadlines), so nothing is left running after the store is dropped.
   */
  public static final Executor NEW_THREAD_PER_REFRESH = task -> {
    Thread refresh = new Thread(task, "wechat-qrcode-token-refresh");
    refresh.setDaemon(true);
    refresh.start();
  };
  private static final String KEY = "access-token";

  private final TokenSlot slot;
  private final AccessTokenFetcher fetcher;
  private final Clock clock;
  private final TokenPolicy policy;
  private final Executor refreshes;
  private final TokenEvents events;
  private final SingleFlight<String, AccessToken> flight;
  private final TokenSlot.Renewal whenUnusable = new Renewal(true);
  private final TokenSlot.Renewal whenDue = new Renewal(false);
  private volatile Instant nextRefreshTry = Instant.MIN;
  private volatile Refusal refusal;

  /**
   * Creates a keeper of the token in {@code slot}.
   *
   * @param slot where the token lives
   * @param fetcher how a new token is fetched
   * @param clock the only source of time
   * @param policy the durations
   * @param refreshes where background refreshes run
   * @param events told about background work
   */
  public TokenKeeper(TokenSlot slot, AccessTokenFetcher fetcher, Clock clock, TokenPolicy policy,
      Executor refreshes, TokenEvents events) {
    this(slot, fetcher, clock, policy, refreshes, events, new SingleFlight<>());
  }

  /**
   * As the public constructor, with the single flight given (tests gate on its joins).
   */
  TokenKeeper(TokenSlot slot, AccessTokenFetcher fetcher, Clock clock, TokenPolicy policy, Executor refreshes,
      TokenEvents events, SingleFlight<String, AccessToken> flight) {
    this.slot = Objects.requireNonNull(slot, "slot");
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.refreshes = Objects.requireNonNull(refreshes, "refreshes");
    this.events = Objects.requireNonNull(events, "events");
    this.flight = flight;
  }

  /**
   * Makes token stores that keep the token in this process and refresh it ahead on a thread of their own.
   *
   * @param clock the only source of time
   * @param policy the durations
   * @return stores that keep the token in this process, refreshing ahead on a thread of their own
   */
  public static AccessTokenStore.Factory inProcess(Clock clock, TokenPolicy policy) {
    return inProcess(clock, policy, NEW_THREAD_PER_REFRESH, TokenEvents.NONE);
  }

  /**
   * Makes token stores that keep the token in this process and refresh it ahead on {@code refreshes}.
   *
   * @param clock the only source of time
   * @param policy the durations
   * @param refreshes where background refreshes run
   * @param events told about background work
   * @return stores that keep the token in this process
   */
  public static AccessTokenStore.Factory inProcess(Clock clock, TokenPolicy policy, Executor refreshes,
      TokenEvents events) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(refreshes, "refreshes");
    Objects.requireNonNull(events, "events");
    return fetcher -> new TokenKeeper(new InProcessTokenSlot(), fetcher, clock, policy, refreshes, events);
  }

  @Override
  public AccessToken get() {
    Instant now = clock.instant();
    AccessToken held = slot.current();
    if (held != null && held.isUsableAt(now, policy.safetyMargin())) {
      if (!held.isUsableAt(now, policy.refreshAhead())) {
        refreshAhead(now);
      }
      return held;
    }
    return flight.run(KEY, this::renewWhileWaited);
  }

  @Override
  public void invalidate(AccessToken stale) {
    slot.reject(Objects.requireNonNull(stale, "stale"));
  }

  /** Returns the durations this store keeps. */
  public TokenPolicy policy() {
    return policy;
  }

  private AccessToken renewWhileWaited() {
    Refusal remembered = refusal;
    if (remembered != null && clock.instant().isBefore(remembered.until())) {
      throw remembered.failure();
    }
    try {
      AccessToken token = slot.renew(whenUnusable);
      refusal = null;
      return token;
    } catch (QrCodeException failure) {
      remember(failure);
      throw failure;
    }
  }

  private void refreshAhead(Instant now) {
    if (now.isBefore(nextRefreshTry) || flight.inFlight(KEY)) {
      return;
    }
    flight.start(KEY, this::renewAhead, refreshes);
  }

  /** Runs off the callers' threads; sets the next try before the flight ends, so no second one slips in. */
  private AccessToken renewAhead() {
    try {
      AccessToken token = slot.renew(whenDue);
      Instant after = clock.instant();
      if (token == null || !token.isUsableAt(after, policy.refreshAhead())) {
        nextRefreshTry = after.plus(policy.retryDelay());
        events.refreshFailed(null, nextRefreshTry);
      } else {
        refusal = null;
        events.refreshedAhead(token);
      }
      return token;
    } catch (RuntimeException | Error failure) {
      nextRefreshTry = clock.instant().plus(policy.retryDelay());
      if (failure instanceof QrCodeException domain) {
        remember(domain);
      }
      events.refreshFailed(failure, nextRefreshTry);
      throw failure;
    }
  }

  private void remember(QrCodeException failure) {
    if (failure instanceof WeChatApiException && !policy.failureBackoff().isZero()) {
      Instant until = clock.instant().plus(policy.failureBackoff());
      refusal = new Refusal(failure, until);
      events.refusalRemembered(failure, until);
    }
  }

  @Override
  public String toString() {
    return "TokenKeeper[slot=" + slot + ", policy=" + policy + "]";
  }

  private record Refusal(QrCodeException failure, Instant until) { }

  /** One renewal's checks: still needed by the slot's fresh reading, and the fetched token usable. */
  private final class Renewal implements TokenSlot.Renewal {
    private final boolean onlyWhenUnusable;

    Renewal(boolean onlyWhenUnusable) {
      this.onlyWhenUnusable = onlyWhenUnusable;
    }

    @Override
    public boolean needed(AccessToken current) {
      Duration window = onlyWhenUnusable ? policy.safetyMargin() : policy.refreshAhead();
      return current == null || !current.isUsableAt(clock.instant(), window);
    }

    @Override
    public AccessToken fetch(RefreshReason reason) {
      AccessToken token = fetcher.fetch(reason);
      if (token == null) {
        throw new UpstreamUnavailable("the token endpoint returned no token");
      }
      if (!token.isUsableAt(clock.instant(), policy.safetyMargin())) {
        throw new UpstreamUnavailable("the token endpoint returned a token that expires at " + token.expiresAt()
            + ", inside the safety margin of " + policy.safetyMargin());
      }
      return token;
    }
  }
}
