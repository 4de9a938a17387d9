package io.github.wechatqr.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Scheduler;
import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Refresh ahead of expiry: callers keep the valid token while one background fetch replaces it. */
class CaffeineAccessTokenStoreRefreshTest {
  private static final Duration LIFETIME = Duration.ofHours(2);
  private static final Duration SAFETY = Duration.ofMinutes(1);
  private static final Duration AHEAD = Duration.ofMinutes(5);
  private static final Duration RETRY = Duration.ofSeconds(30);

  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final ManualExecutor background = new ManualExecutor();
  private final AtomicInteger fetches = new AtomicInteger();
  private final AtomicBoolean failing = new AtomicBoolean();
  private final ExecutorService callers = Executors.newCachedThreadPool();
  private final CaffeineAccessTokenStore store = new CaffeineAccessTokenStore(
      new CacheRuntime(clock, background, Scheduler.disabledScheduler()), SAFETY, AHEAD, RETRY);

  @AfterEach
  void stopCallers() {
    callers.shutdownNow();
  }

  /** Hands out token-1, token-2, ... for two hours from now; fails while {@link #failing} is set. */
  private final Supplier<AccessToken> fetcher = () -> {
    if (failing.get()) {
      throw new UpstreamUnavailable("token endpoint down");
    }
    return new AccessToken("token-" + fetches.incrementAndGet(), clock.instant().plus(LIFETIME));
  };

  private AccessToken first() {
    AccessToken first = store.get(fetcher);
    assertThat(first.value()).isEqualTo("token-1");
    return first;
  }

  @Test
  void inside_the_refresh_window_callers_get_the_valid_token_at_once_and_one_refresh_runs() {
    AccessToken first = first();
    clock.set(first.expiresAt().minus(AHEAD));
    for (int i = 0; i < 5; i++) {
      assertThat(store.get(fetcher)).isEqualTo(first);
    }
    assertThat(fetches).hasValue(1); // nobody waited: the refresh has not even run yet
    background.runAll();
    assertThat(fetches).hasValue(2);
    assertThat(store.get(fetcher).value()).isEqualTo("token-2");
    background.runAll();
    assertThat(fetches).hasValue(2);
  }

  @Test
  void before_the_refresh_window_nothing_is_refreshed() {
    AccessToken first = first();
    clock.set(first.expiresAt().minus(AHEAD).minusNanos(1));
    assertThat(store.get(fetcher)).isEqualTo(first);
    background.runAll();
    assertThat(fetches).hasValue(1);
  }

  @Test
  void concurrent_callers_return_while_the_refresh_is_still_fetching() throws Exception {
    ExecutorService refresher = Executors.newSingleThreadExecutor();
    CountDownLatch release = new CountDownLatch(1);
    CaffeineAccessTokenStore threaded = new CaffeineAccessTokenStore(
        new CacheRuntime(clock, refresher, Scheduler.disabledScheduler()), SAFETY, AHEAD, RETRY);
    try {
      AccessToken first = threaded.get(fetcher);
      clock.set(first.expiresAt().minus(Duration.ofMinutes(2)));
      Supplier<AccessToken> blockedFetcher = () -> {
        awaitLatch(release);
        return fetcher.get();
      };
      List<CompletableFuture<AccessToken>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(CompletableFuture.supplyAsync(() -> threaded.get(blockedFetcher), callers));
      }
      for (CompletableFuture<AccessToken> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(first); // while the refresh is blocked
      }
      release.countDown();
      refresher.shutdown();
      assertThat(refresher.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      assertThat(fetches).hasValue(2);
      assertThat(threaded.get(fetcher).value()).isEqualTo("token-2");
    } finally {
      release.countDown();
      refresher.shutdownNow();
    }
  }

  @Test
  void a_failed_refresh_keeps_serving_the_valid_token_and_retries_after_the_delay() {
    AccessToken first = first();
    clock.set(first.expiresAt().minus(AHEAD));
    failing.set(true);
    assertThat(store.get(fetcher)).isEqualTo(first);
    background.runAll(); // the refresh fails
    assertThat(store.stats().loadFailureCount()).isEqualTo(1);
    failing.set(false);
    clock.advance(RETRY.minusSeconds(1));
    assertThat(store.get(fetcher)).isEqualTo(first);
    background.runAll();
    assertThat(fetches).as("no retry before the delay").hasValue(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(store.get(fetcher)).isEqualTo(first);
    background.runAll();
    assertThat(store.get(fetcher).value()).isEqualTo("token-2");
  }

  @Test
  void an_expired_token_is_never_served_even_when_every_refresh_failed() {
    AccessToken first = first();
    clock.set(first.expiresAt().minus(AHEAD));
    failing.set(true);
    store.get(fetcher);
    background.runAll();
    clock.set(first.expiresAt().minus(SAFETY));
    assertThatThrownBy(() -> store.get(fetcher)).isInstanceOf(UpstreamUnavailable.class);
    clock.set(first.expiresAt());
    failing.set(false);
    AccessToken next = store.get(fetcher);
    assertThat(next).isNotEqualTo(first);
    assertThat(next.isUsableAt(clock.instant(), SAFETY)).isTrue();
  }

  @Test
  void a_caller_finding_no_usable_token_waits_for_the_refresh_under_way_instead_of_fetching_again()
      throws Exception {
    AccessToken first = first();
    clock.set(first.expiresAt().minus(AHEAD));
    store.get(fetcher); // queues the refresh, which has not run yet
    clock.set(first.expiresAt().minus(SAFETY)); // the held token is no longer usable
    CompletableFuture<AccessToken> waiting = CompletableFuture.supplyAsync(() -> store.get(fetcher), callers);
    awaitParkedOrDone(waiting);
    assertThat(waiting).isNotDone();
    background.runAll();
    assertThat(waiting.get(10, TimeUnit.SECONDS).value()).isEqualTo("token-2");
    assertThat(fetches).hasValue(2);
  }

  @Test
  void a_token_the_fetcher_returns_already_expired_is_refused() {
    Supplier<AccessToken> stale = () -> new AccessToken("stale", clock.instant());
    assertThatThrownBy(() -> store.get(stale)).isInstanceOf(UpstreamUnavailable.class)
        .hasMessageNotContaining("stale");
    assertThat(store.get(fetcher).value()).isEqualTo("token-1");
  }

  @Test
  void a_refresh_ahead_no_longer_than_the_safety_margin_means_no_background_refresh() {
    CaffeineAccessTokenStore plain = new CaffeineAccessTokenStore(
        new CacheRuntime(clock, background, Scheduler.disabledScheduler()), SAFETY, SAFETY, RETRY);
    AccessToken first = plain.get(fetcher);
    clock.set(first.expiresAt().minus(SAFETY).minusNanos(1));
    assertThat(plain.get(fetcher)).isEqualTo(first);
    background.runAll();
    assertThat(fetches).hasValue(1);
    clock.set(first.expiresAt().minus(SAFETY));
    assertThat(plain.get(fetcher).value()).isEqualTo("token-2");
  }

  @Test
  void a_refresh_the_executor_rejects_runs_on_the_caller_instead() {
    Executor rejectingRefreshes = command -> {
      if (command.getClass().getName().contains("TokenFetches")) { // Caffeine's own upkeep still runs
        throw new RejectedExecutionException("saturated");
      }
      command.run();
    };
    CaffeineAccessTokenStore rejecting = new CaffeineAccessTokenStore(
        new CacheRuntime(clock, rejectingRefreshes, Scheduler.disabledScheduler()), SAFETY, AHEAD, RETRY);
    AccessToken first = rejecting.get(fetcher);
    clock.set(first.expiresAt().minus(AHEAD));
    assertThat(rejecting.get(fetcher)).isEqualTo(first);
    assertThat(rejecting.get(fetcher).value()).isEqualTo("token-2");
  }

  @Test
  void fetches_and_lookups_are_counted_in_the_statistics() {
    AccessToken first = first();
    store.get(fetcher);
    store.invalidate(first);
    failing.set(true);
    assertThatThrownBy(() -> store.get(fetcher)).isInstanceOf(UpstreamUnavailable.class);
    assertThat(store.stats().hitCount()).isEqualTo(1);
    assertThat(store.stats().missCount()).isEqualTo(2);
    assertThat(store.stats().loadSuccessCount()).isEqualTo(1);
    assertThat(store.stats().loadFailureCount()).isEqualTo(1);
  }

  @Test
  void negative_durations_are_rejected() {
    CacheRuntime runtime = CacheRuntime.sameThread(clock);
    Duration negative = Duration.ofSeconds(-1);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new CaffeineAccessTokenStore(runtime, negative, AHEAD, RETRY))
        .withMessageContaining("safetyMargin");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new CaffeineAccessTokenStore(runtime, SAFETY, negative, RETRY))
        .withMessageContaining("refreshAhead");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new CaffeineAccessTokenStore(runtime, SAFETY, AHEAD, negative))
        .withMessageContaining("retryDelay");
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("latch not released in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits, with a deadline, until every caller thread is blocked or the call finished. */
  private void awaitParkedOrDone(CompletableFuture<?> call) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!call.isDone() && System.nanoTime() < deadline) {
      boolean parked = Thread.getAllStackTraces().keySet().stream()
          .filter(thread -> thread.getName().startsWith("pool-"))
          .anyMatch(thread -> thread.getState() == Thread.State.WAITING
              && List.of(thread.getStackTrace()).stream().anyMatch(f -> f.getMethodName().equals("awaitFetch")));
      if (parked) {
        return;
      }
      Thread.onSpinWait();
    }
  }
}
