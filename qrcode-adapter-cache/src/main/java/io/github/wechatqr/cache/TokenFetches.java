package io.github.wechatqr.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.QrCodeException;
import io.github.wechatqr.domain.UpstreamUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fetches of {@link CaffeineAccessTokenStore}: at most one at a time, whether a caller waits for it
 * (no usable token) or it runs in the background (refresh ahead). A caller that finds no usable token
 * joins the fetch under way, so a refresh and a waiting fetch never run side by side.
 */
final class TokenFetches {
  private static final Logger log = LoggerFactory.getLogger(CaffeineAccessTokenStore.class);

  private final ConcurrentMap<String, AccessToken> held;
  private final String key;
  private final Clock clock;
  private final Ticker ticker;
  private final Executor executor;
  private final Duration refreshAhead;
  private final Duration retryDelay;
  private final StatsCounter stats;
  private final AtomicReference<CompletableFuture<AccessToken>> inFlight = new AtomicReference<>();
  private volatile Instant nextRefreshTry = Instant.MIN;

  TokenFetches(ConcurrentMap<String, AccessToken> held, String key, CacheRuntime runtime,
      Duration refreshAhead, Duration retryDelay, StatsCounter stats) {
    this.held = held;
    this.key = key;
    this.clock = runtime.clock();
    this.ticker = runtime.ticker();
    this.executor = runtime.executor();
    this.refreshAhead = refreshAhead;
    this.retryDelay = retryDelay;
    this.stats = stats;
  }

  /** Fetches on this thread, or waits for the fetch under way; returns its token or throws its failure. */
  AccessToken awaitFetch(Supplier<AccessToken> fetcher) {
    CompletableFuture<AccessToken> mine = new CompletableFuture<>();
    CompletableFuture<AccessToken> running = inFlight.compareAndExchange(null, mine);
    if (running != null) {
      return await(running);
    }
    AccessToken justFetched = held.get(key); // a fetch may have finished between our miss and now
    if (justFetched != null) {
      inFlight.compareAndSet(mine, null);
      mine.complete(justFetched);
      return justFetched;
    }
    fetch(mine, fetcher, false);
    return await(mine);
  }

  /** Starts one background refresh if {@code token} is within the refresh-ahead window. */
  void refreshIfDue(AccessToken token, Supplier<AccessToken> fetcher) {
    Instant now = clock.instant();
    if (now.isBefore(token.expiresAt().minus(refreshAhead)) || now.isBefore(nextRefreshTry)
        || inFlight.get() != null) {
      return;
    }
    CompletableFuture<AccessToken> next = new CompletableFuture<>();
    if (!inFlight.compareAndSet(null, next)) {
      return;
    }
    AccessToken current = held.get(key);
    if (current != null && !current.equals(token)) { // a refresh that just ended replaced it already
      inFlight.compareAndSet(next, null);
      next.complete(current);
      return;
    }
    try {
      executor.execute(() -> fetch(next, fetcher, true));
    } catch (RejectedExecutionException saturated) {
      fetch(next, fetcher, true);
    }
  }

  private void fetch(CompletableFuture<AccessToken> flight, Supplier<AccessToken> fetcher, boolean ahead) {
    long start = ticker.read();
    try {
      AccessToken token = Objects.requireNonNull(fetcher.get(), "the fetcher returned no token");
      if (!clock.instant().isBefore(token.expiresAt())) {
        throw new UpstreamUnavailable("the token endpoint returned a token that expired at " + token.expiresAt());
      }
      held.put(key, token);
      stats.recordLoadSuccess(ticker.read() - start);
      // Leave the slot before completing, so a later caller starts afresh instead of joining a done fetch.
      inFlight.compareAndSet(flight, null);
      flight.complete(token);
      if (ahead) {
        log.debug("Access token refreshed ahead of its expiry; the new one expires at {}", token.expiresAt());
      }
    } catch (RuntimeException | Error failure) {
      stats.recordLoadFailure(ticker.read() - start);
      if (ahead) {
        nextRefreshTry = clock.instant().plus(retryDelay);
        log.warn("Access token refresh ahead of expiry failed ({}); the current token stays in use and the "
            + "next try comes after {}", describe(failure), nextRefreshTry);
      }
      inFlight.compareAndSet(flight, null);
      flight.completeExceptionally(failure);
    }
  }

  private static AccessToken await(CompletableFuture<AccessToken> flight) {
    try {
      return flight.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpstreamUnavailable("interrupted while waiting for the access token");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw (Error) e.getCause();
    }
  }

  /** Domain exceptions are written without secrets; of anything else only the type is shown. */
  private static String describe(Throwable failure) {
    return failure instanceof QrCodeException ? failure.toString() : failure.getClass().getName();
  }
}
