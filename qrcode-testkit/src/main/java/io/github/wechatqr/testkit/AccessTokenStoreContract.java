package io.github.wechatqr.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.AppId;
import io.github.wechatqr.domain.CredentialsRejected;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.token.AccessTokenFetcher;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.RefreshReason;
import io.github.wechatqr.domain.token.TokenPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link AccessTokenStore} keeps. Subclass it with the factory and nothing else:
 *
 * <pre>{@code
 * class MyTokenStoreTest extends AccessTokenStoreContract {
 *   protected AccessTokenStore createStore(Clock clock, TokenPolicy policy, AccessTokenFetcher fetcher,
 *       Executor refreshes) {
 *     return new MyTokenStore(clock, policy, fetcher, refreshes);
 *   }
 * }
 * }</pre>
 * Tokens here live 2 hours; the kit's {@link #POLICY} has a 60-second safety margin, a 10-minute
 * refresh-ahead, a 30-second retry delay and a 30-second failure back-off. Background refreshes must run
 * on the {@code refreshes} executor the kit hands over (the kit waits for them and checks their thread).
 */
public abstract class AccessTokenStoreContract {
  /** The durations the kit configures. */
  protected static final TokenPolicy POLICY = TokenPolicy.builder()
      .safetyMargin(Duration.ofSeconds(60))
      .refreshAhead(Duration.ofMinutes(10))
      .retryDelay(Duration.ofSeconds(30))
      .failureBackoff(Duration.ofSeconds(30))
      .build();
  private static final Duration LIFETIME = Duration.ofHours(2);
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final int RACE_REPETITIONS = 200;
  private static final int RACE_THREADS = 16;

  /** The clock the store is given; move it to make tokens age. */
  protected final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final ScriptedFetcher fetcher = new ScriptedFetcher();
  private final Refreshes refreshes = new Refreshes();
  private final ExecutorService callers = Executors.newFixedThreadPool(RACE_THREADS);
  private AccessTokenStore store;
  private final AppId accountA = TwoAccounts.fresh();
  private final AppId accountB = TwoAccounts.fresh();

  /**
   * Creates the store under test.
   *
   * @param clock the store's only time source
   * @param policy the durations the store must keep
   * @param fetcher the only way the store may get a token
   * @param refreshes where the store must run its background refreshes
   * @return a fresh, empty store
   */
  protected abstract AccessTokenStore createStore(Clock clock, TokenPolicy policy, AccessTokenFetcher fetcher,
      Executor refreshes);

  /**
   * Creates the store of one account. The kit makes two, for two accounts, each with its own fetcher, to
   * prove that stores kept in one place (one Redis, one cache) never hand one account the other's token.
   * The default ignores the account and calls {@link #createStore(Clock, TokenPolicy, AccessTokenFetcher,
   * Executor)}: right for a store made around its fetcher and holding nothing else; a store that keeps the
   * token under a key must override it and put the account in the key.
   *
   * @param account the account the store is for
   * @param clock the store's only time source
   * @param policy the durations the store must keep
   * @param fetcher the only way the store may get a token: the account's
   * @param refreshes where the store must run its background refreshes
   * @return a fresh, empty store for {@code account}
   */
  protected AccessTokenStore createStore(AppId account, Clock clock, TokenPolicy policy,
      AccessTokenFetcher fetcher, Executor refreshes) {
    return createStore(clock, policy, fetcher, refreshes);
  }

  @BeforeEach
  void createStoreUnderTest() {
    store = createStore(clock, POLICY, fetcher, refreshes);
  }

  @AfterEach
  void stopThreads() throws InterruptedException {
    fetcher.releaseAll();
    callers.shutdownNow();
    refreshes.pool.shutdownNow();
    assertThat(callers.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(refreshes.pool.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void the_first_get_fetches_and_later_gets_reuse_the_token() {
    AccessToken first = store.get();
    assertThat(first.value()).isEqualTo("token-1");
    clock.advance(Duration.ofMinutes(90));
    assertThat(store.get()).isEqualTo(first);
    assertThat(fetcher.reasons()).containsExactly(RefreshReason.DUE);
  }

  @Test
  void thirty_two_concurrent_callers_cause_one_fetch() throws Exception {
    Callers<AccessToken> racers = new Callers<>();
    fetcher.beforeEachFetch(() -> racers.awaitOthersParked(Duration.ofSeconds(5))); // everyone queues up
    racers.start(32, i -> store::get);
    assertThat(racers.results()).hasSize(32).allSatisfy(t -> assertThat(t.value()).isEqualTo("token-1"));
    assertThat(fetcher.count()).isEqualTo(1);
  }

  @Test
  void a_token_inside_the_safety_margin_is_replaced_before_it_expires() {
    AccessToken first = store.get();
    clock.set(first.expiresAt().minus(POLICY.safetyMargin()).minusSeconds(1));
    assertThat(store.get()).isEqualTo(first);
    awaitBackgroundRefreshes();
    clock.set(first.expiresAt().minus(POLICY.safetyMargin()));
    AccessToken later = store.get();
    assertThat(later.value()).isNotEqualTo("token-1");
    assertThat(later.isUsableAt(clock.instant(), POLICY.safetyMargin())).isTrue();
  }

  @Test
  void an_expired_token_is_never_handed_out() {
    AccessToken first = store.get();
    clock.set(first.expiresAt().plusSeconds(1));
    AccessToken next = store.get();
    assertThat(next).isNotEqualTo(first);
    assertThat(next.expiresAt()).isAfter(clock.instant());
  }

  @Test
  void invalidating_the_current_token_makes_the_next_get_fetch_a_forced_refresh() {
    AccessToken first = store.get();
    store.invalidate(first);
    assertThat(store.get().value()).isEqualTo("token-2");
    assertThat(fetcher.reasons()).containsExactly(RefreshReason.DUE, RefreshReason.REJECTED);
  }

  @Test
  void the_fetch_after_a_rejection_is_forced_whoever_causes_it() throws Exception {
    AccessToken first = store.get();
    callers.submit(() -> store.invalidate(first)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    // Another caller, which never saw the rejection, is the one that fetches.
    AccessToken fresh = callers.submit(store::get).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(fresh.value()).isEqualTo("token-2");
    assertThat(fetcher.reasons()).containsExactly(RefreshReason.DUE, RefreshReason.REJECTED);
    clock.set(fresh.expiresAt().plusSeconds(1));
    store.get();
    assertThat(fetcher.reasons()).as("once a new token is held, the rejection is no longer on record")
        .containsExactly(RefreshReason.DUE, RefreshReason.REJECTED, RefreshReason.DUE);
  }

  @Test
  void the_refresh_reason_is_right_when_sixteen_callers_race_a_rejection() throws Exception {
    for (int round = 0; round < RACE_REPETITIONS; round++) {
      ScriptedFetcher roundFetcher = new ScriptedFetcher();
      AccessTokenStore raced = createStore(clock, POLICY, roundFetcher, refreshes);
      AccessToken rejected = raced.get();
      CyclicBarrier start = new CyclicBarrier(RACE_THREADS);
      List<Future<AccessToken>> results = new ArrayList<>();
      for (int i = 0; i < RACE_THREADS; i++) {
        boolean sawRejection = i % 2 == 0; // half got 40001, half just call
        results.add(callers.submit(() -> {
          start.await(WAIT.toSeconds(), TimeUnit.SECONDS);
          if (sawRejection) {
            raced.invalidate(rejected);
          }
          return raced.get();
        }));
      }
      for (Future<AccessToken> result : results) {
        assertThat(result.get(WAIT.toSeconds(), TimeUnit.SECONDS).value()).isIn("token-1", "token-2");
      }
      assertThat(raced.get().value()).as("round %d", round).isEqualTo("token-2");
      assertThat(roundFetcher.reasons()).as("round %d", round)
          .containsExactly(RefreshReason.DUE, RefreshReason.REJECTED);
      clearStore(raced);
    }
  }

  @Test
  void a_late_invalidation_of_a_stale_token_keeps_the_newer_one() {
    AccessToken stale = store.get();
    store.invalidate(stale);
    AccessToken fresh = store.get();
    store.invalidate(stale); // another caller reporting the old rejection late
    assertThat(store.get()).isEqualTo(fresh);
    assertThat(fetcher.count()).isEqualTo(2);
  }

  @Test
  void invalidating_a_token_the_store_never_held_changes_nothing() {
    AccessToken held = store.get();
    store.invalidate(new AccessToken("someone-else", Instant.parse("2030-01-01T00:00:00Z")));
    assertThat(store.get()).isEqualTo(held);
    clock.set(held.expiresAt().plusSeconds(1));
    store.get();
    assertThat(fetcher.reasons()).containsExactly(RefreshReason.DUE, RefreshReason.DUE);
  }

  @Test
  void a_failure_worth_retrying_propagates_and_the_next_get_tries_again() {
    UpstreamUnavailable down = new UpstreamUnavailable("token endpoint down");
    fetcher.failNext(down);
    assertThatThrownBy(store::get).isSameAs(down);
    assertThat(store.get().value()).isEqualTo("token-2");
  }

  @Test
  void a_refusal_is_remembered_for_the_back_off_window_and_costs_one_call() {
    fetcher.failNext(new CredentialsRejected(40125, "invalid appsecret"));
    assertThatThrownBy(store::get).isInstanceOf(CredentialsRejected.class);
    clock.advance(POLICY.failureBackoff().minusSeconds(1));
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(store::get).as("remembered, no call").isInstanceOf(CredentialsRejected.class)
          .hasMessageContaining("40125");
    }
    assertThat(fetcher.count()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(store.get().value()).as("after the back-off the token call is tried again").isEqualTo("token-2");
  }

  @Test
  void refresh_ahead_never_blocks_a_caller() throws Exception {
    AccessToken first = store.get();
    clock.set(first.expiresAt().minus(POLICY.refreshAhead()).plusSeconds(1));
    CountDownLatch release = fetcher.blockNext();
    // The fetch cannot finish until released, yet every caller gets the current token at once.
    for (int i = 0; i < 3; i++) {
      assertThat(callers.submit(store::get).get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(first);
    }
    fetcher.awaitBlocked();
    assertThat(fetcher.threads()).last().as("the refresh runs on the store's executor")
        .isIn(refreshes.threads());
    release.countDown();
    awaitBackgroundRefreshes();
    assertThat(store.get().value()).isEqualTo("token-2");
    assertThat(fetcher.count()).isEqualTo(2);
  }

  @Test
  void a_failed_refresh_keeps_the_token_and_waits_the_retry_delay() {
    AccessToken first = store.get();
    clock.set(first.expiresAt().minus(POLICY.refreshAhead()).plusSeconds(1));
    fetcher.failNext(new UpstreamUnavailable("token endpoint down"));
    assertThat(store.get()).isEqualTo(first);
    awaitBackgroundRefreshes();
    assertThat(fetcher.count()).isEqualTo(2);
    clock.advance(POLICY.retryDelay().minusSeconds(1));
    assertThat(store.get()).isEqualTo(first);
    awaitBackgroundRefreshes();
    assertThat(fetcher.count()).as("no new try inside the retry delay").isEqualTo(2);
    clock.advance(Duration.ofSeconds(1));
    assertThat(store.get()).isEqualTo(first);
    awaitBackgroundRefreshes();
    assertThat(fetcher.count()).isEqualTo(3);
    assertThat(store.get().value()).isEqualTo("token-3");
  }

  @Test
  void two_accounts_never_get_each_others_token_and_alternating_calls_fetch_nothing_more() {
    ScriptedFetcher ofA = new ScriptedFetcher("a-token-");
    ScriptedFetcher ofB = new ScriptedFetcher("b-token-");
    AccessTokenStore a = createStore(accountA, clock, POLICY, ofA, refreshes);
    AccessTokenStore b = createStore(accountB, clock, POLICY, ofB, refreshes);
    try {
      AccessToken tokenA = a.get();
      AccessToken tokenB = b.get();
      assertThat(tokenA.value()).isEqualTo("a-token-1");
      assertThat(tokenB.value()).as("B's store hands out B's token").isEqualTo("b-token-1");
      for (int i = 0; i < 4; i++) {
        assertThat(a.get()).isEqualTo(tokenA);
        assertThat(b.get()).isEqualTo(tokenB);
      }
      a.invalidate(tokenA);
      assertThat(b.get()).as("A's rejection is not B's").isEqualTo(tokenB);
      assertThat(a.get().value()).isEqualTo("a-token-2");
      assertThat(ofA.count()).isEqualTo(2);
      assertThat(ofB.count()).as("B's fetches").isEqualTo(1);
    } finally {
      clearStore(a);
      clearStore(b);
    }
  }

  /**
   * Lets a store that shares state outside the JVM start the next repetition empty; the default does
   * nothing, since every other store is created empty.
   *
   * @param raced the store of the repetition that just ended
   */
  protected void clearStore(AccessTokenStore raced) {
  }

  /** Waits until every background refresh the store started has ended; fails loudly after 10 s. */
  protected final void awaitBackgroundRefreshes() {
    refreshes.awaitIdle();
  }

  /** Hands out token-1, token-2, ... valid two hours from the clock's reading; records every call. */
  private final class ScriptedFetcher implements AccessTokenFetcher {
    private final List<RefreshReason> reasons = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<RuntimeException> nextFailure = new AtomicReference<>();
    private final AtomicReference<CountDownLatch> nextBlock = new AtomicReference<>();
    private final CountDownLatch blocked = new CountDownLatch(1);
    private volatile Runnable beforeEach = () -> { };
    private final List<CountDownLatch> blocks = Collections.synchronizedList(new ArrayList<>());
    private final String prefix;

    ScriptedFetcher() {
      this("token-");
    }

    /** @param prefix what each token's value starts with, before its number */
    ScriptedFetcher(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public AccessToken fetch(RefreshReason reason) {
      reasons.add(reason);
      threads.add(Thread.currentThread());
      beforeEach.run();
      CountDownLatch block = nextBlock.getAndSet(null);
      if (block != null) {
        blocked.countDown();
        await(block, "the test to release a blocked fetch");
      }
      RuntimeException failure = nextFailure.getAndSet(null);
      if (failure != null) {
        throw failure;
      }
      return new AccessToken(prefix + reasons.size(), clock.instant().plus(LIFETIME));
    }

    List<RefreshReason> reasons() {
      synchronized (reasons) {
        return List.copyOf(reasons);
      }
    }

    List<Thread> threads() {
      synchronized (threads) {
        return List.copyOf(threads);
      }
    }

    int count() {
      return reasons.size();
    }

    void beforeEachFetch(Runnable hook) {
      beforeEach = hook;
    }

    void failNext(RuntimeException failure) {
      nextFailure.set(failure);
    }

    CountDownLatch blockNext() {
      CountDownLatch release = new CountDownLatch(1);
      blocks.add(release);
      nextBlock.set(release);
      return release;
    }

    void awaitBlocked() {
      await(blocked, "the store to start the blocked fetch");
    }

    void releaseAll() {
      blocks.forEach(CountDownLatch::countDown);
    }
  }

  /** The store's background executor: threads of the kit's own, and a count of the tasks still running. */
  private static final class Refreshes implements Executor {
    private final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
    private final Phaser running = new Phaser(1);
    private final ExecutorService pool = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "contract-refresh");
      thread.setDaemon(true);
      threads.add(thread);
      return thread;
    });

    @Override
    public void execute(Runnable task) {
      running.register();
      try {
        pool.execute(() -> {
          try {
            task.run();
          } finally {
            running.arriveAndDeregister();
          }
        });
      } catch (RuntimeException refused) {
        running.arriveAndDeregister();
        throw refused;
      }
    }

    List<Thread> threads() {
      synchronized (threads) {
        return List.copyOf(threads);
      }
    }

    void awaitIdle() {
      int phase = running.arrive();
      try {
        running.awaitAdvanceInterruptibly(phase, WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw new AssertionError("a background refresh was still running after " + WAIT.toSeconds() + " s", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for background refreshes", e);
      }
    }
  }

  private static void await(CountDownLatch latch, String what) {
    try {
      if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for " + what);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + what, e);
    }
  }
}
