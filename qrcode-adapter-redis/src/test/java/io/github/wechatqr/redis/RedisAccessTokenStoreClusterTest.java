package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.token.AccessTokenFetcher;
import io.github.wechatqr.domain.token.RefreshReason;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.testkit.MutableClock;
import io.github.wechatqr.testkit.NewThreads;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several instances, each with its own connection, sharing one account's token through one Redis. Each
 * instance's fetcher records {@code name:REASON}, so a test sees who fetched and why.
 */
@ExtendWith(SharedRedis.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RedisAccessTokenStoreClusterTest {
  /** 1 min margin, 5 min refresh-ahead, 15 s retry delay, 30 s failure back-off. */
  private static final TokenPolicy POLICY = TokenPolicy.defaults();
  private static final Duration LIFETIME = Duration.ofHours(2);
  private static final RedisStoreSettings DEFAULTS = RedisStoreSettings.defaults();
  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final AtomicInteger issued = new AtomicInteger();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final String appId = SharedRedis.freshAppId();
  private final RedisKeys keys = new RedisKeys(DEFAULTS.keyPrefix(), appId);
  private final RedisCommands<String, String> raw = SharedRedis.raw();
  @RegisterExtension
  final Instances instances = new Instances();
  @RegisterExtension
  final BackgroundRefreshes refreshes = new BackgroundRefreshes();

  /** Something a fetch does before it answers. */
  @FunctionalInterface
  private interface BeforeAnswer {
    void run(RefreshReason reason) throws Exception;
  }

  /** An instance whose fetcher records each call, runs {@code before} and hands out the next token. */
  private RedisAccessTokenStore instance(String name, RedisStoreSettings settings, Runnable onBusy,
      BeforeAnswer before) {
    return instance(settings, onBusy, reason -> {
      calls.add(name + ":" + reason);
      try {
        before.run(reason);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return next();
    });
  }

  private RedisAccessTokenStore instance(RedisStoreSettings settings, Runnable onBusy, AccessTokenFetcher fetcher) {
    RedisStores redis = instances.open(settings);
    return new RedisAccessTokenStore(redis.ops(), redis.keys(appId), fetcher, clock, POLICY, settings, refreshes,
        onBusy);
  }

  private RedisAccessTokenStore instance(String name) {
    return instance(name, DEFAULTS, () -> { }, reason -> { });
  }

  private AccessToken next() {
    return new AccessToken("token-" + issued.incrementAndGet(), clock.instant().plus(LIFETIME));
  }

  private static void mustNotFetch(RefreshReason reason) {
    throw new AssertionError("this instance must not fetch");
  }

  @Test
  void an_instance_that_finds_another_fetching_waits_for_that_token_instead_of_fetching() throws Exception {
    CountDownLatch aFetching = new CountDownLatch(1);
    CountDownLatch bWaiting = new CountDownLatch(1);
    RedisAccessTokenStore a = instance("a", DEFAULTS, () -> { }, reason -> {
      aFetching.countDown();
      Waits.await(bWaiting);
    });
    RedisAccessTokenStore b = instance("b", DEFAULTS, bWaiting::countDown,
        RedisAccessTokenStoreClusterTest::mustNotFetch);
    CompletableFuture<AccessToken> fromA = CompletableFuture.supplyAsync(a::get,
        NewThreads.named("redis-access-token-store-cluster-test"));
    Waits.await(aFetching);

    AccessToken fromB = b.get();

    assertThat(fromB.value()).isEqualTo("token-1");
    assertThat(fromA.get(10, TimeUnit.SECONDS)).isEqualTo(fromB);
    assertThat(calls).containsExactly("a:DUE");
  }

  @Test
  void many_threads_on_three_instances_cause_one_fetch() throws Exception {
    CountDownLatch othersWaiting = new CountDownLatch(1);
    List<RedisAccessTokenStore> stores = List.of("a", "b", "c").stream()
        // the fetch goes on until another instance has found the lock taken, so the race is real
        .map(name -> instance(name, DEFAULTS, othersWaiting::countDown,
            reason -> othersWaiting.await(5, TimeUnit.SECONDS)))
        .toList();

    List<AccessToken> tokens = Instances.concurrently(30, i -> () -> stores.get(i % 3).get());

    assertThat(tokens).allSatisfy(token -> assertThat(token.value()).isEqualTo("token-1"));
    assertThat(calls).hasSize(1);
    assertThat(othersWaiting.getCount()).as("another instance waited for the lock").isZero();
  }

  @Test
  void a_rejection_reported_on_one_instance_makes_the_next_fetch_on_another_a_forced_one() {
    RedisAccessTokenStore a = instance("a");
    RedisAccessTokenStore b = instance("b");
    AccessToken first = a.get();
    assertThat(b.get()).isEqualTo(first);

    a.invalidate(first);

    assertThat(raw.exists(keys.token())).isZero();
    assertThat(raw.get(keys.tokenRejected())).as("the shared marker").isEqualTo(first.value());
    assertThat(raw.pttl(keys.tokenRejected())).isBetween(Duration.ofHours(2).minusSeconds(10).toMillis(),
        Duration.ofHours(2).toMillis());
    // b never saw the rejection in its own process: only the marker in Redis can tell it.
    assertThat(b.get().value()).isEqualTo("token-2");
    assertThat(calls).containsExactly("a:DUE", "b:REJECTED");
    assertThat(raw.exists(keys.tokenRejected())).as("storing the new token clears the marker").isZero();
    assertThat(a.get().value()).isEqualTo("token-2");
    assertThat(calls).hasSize(2);
  }

  @Test
  void an_instance_started_after_a_rejection_still_makes_the_forced_fetch() {
    RedisAccessTokenStore a = instance("a");
    a.invalidate(a.get());

    RedisAccessTokenStore later = instance("later");

    assertThat(later.get().value()).isEqualTo("token-2");
    assertThat(calls).containsExactly("a:DUE", "later:REJECTED");
  }

  @Test
  void a_late_rejection_on_another_instance_keeps_the_newer_token_and_forces_nothing() {
    RedisAccessTokenStore a = instance("a");
    RedisAccessTokenStore b = instance("b");
    AccessToken first = a.get();
    b.invalidate(first);
    AccessToken second = a.get();

    a.invalidate(first); // another caller's late report of the old rejection

    assertThat(b.get()).isEqualTo(second);
    assertThat(raw.exists(keys.tokenRejected())).isZero();
    clock.set(second.expiresAt());
    assertThat(b.get().value()).isEqualTo("token-3");
    assertThat(calls).containsExactly("a:DUE", "a:REJECTED", "b:DUE");
  }

  @Test
  void refresh_ahead_across_instances_fetches_once_and_never_blocks_a_caller() {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch othersWaiting = new CountDownLatch(2);
    List<RedisAccessTokenStore> stores = List.of("a", "b", "c").stream()
        .map(name -> instance(name, DEFAULTS, othersWaiting::countDown, reason -> {
          if (issued.get() == 1) {
            Waits.await(release); // the refresh goes on until the test lets it finish
          }
        }))
        .toList();
    AccessToken first = stores.get(0).get();
    clock.set(first.expiresAt().minus(Duration.ofMinutes(3))); // inside refresh-ahead, outside the margin

    for (RedisAccessTokenStore store : stores) {
      assertThat(store.get()).as("the current token at once, the refresh running behind").isEqualTo(first);
    }
    Waits.await(othersWaiting); // the other two instances' refreshes wait for the lock
    assertThat(stores).allSatisfy(store -> assertThat(store.get()).isEqualTo(first));
    release.countDown();
    refreshes.awaitIdle();

    assertThat(calls).hasSize(2).first().isEqualTo("a:DUE");
    assertThat(calls.get(1)).endsWith(":DUE");
    assertThat(stores).allSatisfy(store -> assertThat(store.get().value()).isEqualTo("token-2"));
    assertThat(raw.exists(keys.tokenLock())).isZero();
  }

  @Test
  void while_another_instance_holds_the_lock_the_refresh_gives_up_in_the_background_only() {
    RedisStoreSettings settings = DEFAULTS.withLockWait(Duration.ofMillis(200));
    RedisAccessTokenStore store = instance("a", settings, () -> { }, reason -> { });
    AccessToken first = store.get();
    clock.set(first.expiresAt().minus(Duration.ofMinutes(3)));
    raw.set(keys.tokenLock(), "instance-refreshing", SetArgs.Builder.px(DEFAULTS.lockTtl().toMillis()));

    assertThat(store.get()).isEqualTo(first);
    refreshes.awaitIdle();

    assertThat(store.get()).as("the retry delay has not passed").isEqualTo(first);
    refreshes.awaitIdle();
    assertThat(calls).containsExactly("a:DUE");
  }

  @Test
  void a_failed_refresh_releases_the_lock_and_the_next_try_after_the_retry_delay_refreshes() {
    AtomicInteger failures = new AtomicInteger(1);
    RedisAccessTokenStore store = instance("a", DEFAULTS, () -> { }, reason -> {
      if (issued.get() == 1 && failures.getAndDecrement() > 0) {
        throw new UpstreamUnavailable("token endpoint down");
      }
    });
    AccessToken first = store.get();
    clock.set(first.expiresAt().minus(Duration.ofMinutes(3)));

    assertThat(store.get()).isEqualTo(first);
    refreshes.awaitIdle();
    assertThat(raw.exists(keys.tokenLock())).as("lock released after the failure").isZero();

    clock.advance(POLICY.retryDelay());
    assertThat(store.get()).isEqualTo(first);
    refreshes.awaitIdle();
    assertThat(store.get().value()).isEqualTo("token-2");
    assertThat(calls).containsExactly("a:DUE", "a:DUE", "a:DUE");
  }

  @Test
  void a_lock_holder_that_died_mid_fetch_blocks_the_others_only_until_its_lease_lapses() {
    CountDownLatch waited = new CountDownLatch(1);
    Duration lease = Duration.ofSeconds(1);
    RedisAccessTokenStore store = instance("a",
        DEFAULTS.withLockTtl(lease).withLockWait(Duration.ofSeconds(10)), waited::countDown, reason -> { });
    // Planted last, a lease as long as lockTtl (a longer one would be taken over as stale): the lease must
    // still run when the store first tries the lock, even on a loaded machine.
    raw.set(keys.tokenLock(), "crashed-instance", SetArgs.Builder.px(lease.toMillis()));

    AccessToken token = store.get();

    assertThat(waited.getCount()).as("it found the dead holder's lock first").isZero();
    assertThat(token.value()).isEqualTo("token-1");
    assertThat(raw.exists(keys.tokenLock())).as("its own lock released").isZero();
  }

  @Test
  void a_caller_gives_up_with_upstream_unavailable_when_the_wait_budget_runs_out() {
    raw.set(keys.tokenLock(), "stuck-instance", SetArgs.Builder.px(DEFAULTS.lockTtl().toMillis()));
    RedisAccessTokenStore store = instance("a", DEFAULTS.withLockWait(Duration.ofMillis(200)), () -> { },
        reason -> { });

    assertThatThrownBy(store::get)
        .isInstanceOf(UpstreamUnavailable.class)
        .hasMessageContaining("Gave up after PT0.2S waiting for another instance fetching the access token")
        .hasMessageContaining(keys.tokenLock());
    assertThat(calls).isEmpty();
  }

  @Test
  void the_redis_ttl_is_the_tokens_remaining_life_by_the_stores_clock() {
    RedisAccessTokenStore store = instance(DEFAULTS, () -> { },
        reason -> new AccessToken("short", clock.instant().plus(Duration.ofMinutes(30))));
    store.get();

    assertThat(raw.pttl(keys.token())).isBetween(Duration.ofMinutes(30).minusSeconds(10).toMillis(),
        Duration.ofMinutes(30).toMillis());
  }

  @Test
  void a_fetch_that_outlives_its_lease_is_handed_out_but_not_shared_and_the_new_holder_keeps_its_lock() {
    RedisAccessTokenStore store = instance("a", DEFAULTS, () -> { },
        // our lease lapsed and another instance took the lock
        reason -> raw.set(keys.tokenLock(), "instance-that-took-over"));

    AccessToken token = store.get();

    assertThat(token.value()).isEqualTo("token-1");
    assertThat(raw.exists(keys.token())).isZero();
    assertThat(raw.get(keys.tokenLock())).isEqualTo("instance-that-took-over");
  }

  @Test
  void a_token_rejected_while_it_was_being_fetched_is_not_shared_and_a_forced_fetch_follows() {
    RedisAccessTokenStore b = instance("b");
    AccessToken first = b.get();
    AtomicInteger call = new AtomicInteger();
    RedisAccessTokenStore a = instance(DEFAULTS, () -> { }, reason -> {
      calls.add("a:" + reason);
      if (call.incrementAndGet() == 1) {
        b.invalidate(first); // b gets 40001 while a fetches, and stable_token hands a the same token again
        return new AccessToken(first.value(), clock.instant().plus(LIFETIME));
      }
      return next();
    });
    clock.set(first.expiresAt().minus(POLICY.safetyMargin())); // a fetches in the foreground

    assertThat(a.get().value()).isEqualTo("token-2");

    assertThat(calls).containsExactly("b:DUE", "a:DUE", "a:REJECTED");
    assertThat(raw.hget(keys.token(), "value")).isEqualTo("token-2");
    assertThat(raw.exists(keys.tokenRejected())).isZero();
    assertThat(b.get().value()).isEqualTo("token-2");
  }

  @Test
  void an_endpoint_that_hands_back_the_rejected_token_even_when_forced_is_an_upstream_failure() {
    RedisAccessTokenStore b = instance("b");
    AccessToken first = b.get();
    RedisAccessTokenStore a = instance(DEFAULTS, () -> { }, reason -> {
      calls.add("a:" + reason);
      b.invalidate(first);
      return new AccessToken(first.value(), clock.instant().plus(LIFETIME));
    });
    clock.set(first.expiresAt().minus(POLICY.safetyMargin()));

    assertThatThrownBy(a::get).isInstanceOf(UpstreamUnavailable.class)
        .hasMessageContaining("handed back the token just rejected");

    assertThat(calls).containsExactly("b:DUE", "a:DUE", "a:REJECTED");
    assertThat(raw.get(keys.tokenRejected())).as("still on record").isEqualTo(first.value());
    assertThat(raw.exists(keys.token(), keys.tokenLock())).isZero();
  }

  @Test
  void an_entry_from_a_newer_release_or_of_another_type_is_ignored_and_replaced() {
    RedisAccessTokenStore store = instance("a");
    raw.hset(keys.token(), Map.of("v", "2", "value", "from-the-future", "expires_at", "2026-03-01T02:00:00Z"));
    assertThat(store.get().value()).isEqualTo("token-1");
    assertThat(raw.hget(keys.token(), "value")).isEqualTo("token-1");

    raw.del(keys.token());
    raw.set(keys.token(), "not a hash");
    store.invalidate(new AccessToken("token-1", clock.instant().plus(LIFETIME)));
    assertThat(raw.exists(keys.tokenRejected())).as("not the rejected token: no marker").isZero();
    assertThat(store.get().value()).isEqualTo("token-2");
    assertThat(raw.hget(keys.token(), "v")).isEqualTo("1");
    assertThat(calls).containsExactly("a:DUE", "a:DUE");
  }
}
