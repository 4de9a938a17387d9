package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.testkit.MutableClock;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several instances, each with its own connection, sharing one account's token through one Redis. */
@ExtendWith(SharedRedis.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RedisAccessTokenStoreClusterTest {
  private static final Duration MARGIN = Duration.ofMinutes(1);
  private static final Duration LIFETIME = Duration.ofHours(2);
  private static final RedisStoreSettings DEFAULTS = RedisStoreSettings.defaults();
  private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
  private final AtomicInteger fetches = new AtomicInteger();
  private final String appId = SharedRedis.freshAppId();
  private final RedisKeys keys = new RedisKeys(DEFAULTS.keyPrefix(), appId);
  private final RedisCommands<String, String> raw = SharedRedis.raw();
  @RegisterExtension
  final Instances instances = new Instances();

  private RedisAccessTokenStore instance(RedisStoreSettings settings, Runnable onBusy) {
    RedisStores redis = instances.open(settings);
    return new RedisAccessTokenStore(redis.ops(), redis.keys(appId), clock, MARGIN, settings, onBusy);
  }

  private RedisAccessTokenStore instance() {
    return instance(DEFAULTS, () -> { });
  }

  private AccessToken fetch() {
    return new AccessToken("token-" + fetches.incrementAndGet(), clock.instant().plus(LIFETIME));
  }

  private static Supplier<AccessToken> mustNotFetch() {
    return () -> {
      throw new AssertionError("this caller must not fetch");
    };
  }

  @Test
  void an_instance_that_finds_another_fetching_waits_for_that_token_instead_of_fetching() throws Exception {
    CountDownLatch aFetching = new CountDownLatch(1);
    CountDownLatch bWaiting = new CountDownLatch(1);
    RedisAccessTokenStore a = instance();
    RedisAccessTokenStore b = instance(DEFAULTS, bWaiting::countDown);
    CompletableFuture<AccessToken> fromA = CompletableFuture.supplyAsync(() -> a.get(() -> {
      aFetching.countDown();
      Waits.await(bWaiting);
      return fetch();
    }));
    Waits.await(aFetching);

    AccessToken fromB = b.get(mustNotFetch());

    assertThat(fromB.value()).isEqualTo("token-1");
    assertThat(fromA.get(10, TimeUnit.SECONDS)).isEqualTo(fromB);
    assertThat(fetches).hasValue(1);
  }

  @Test
  void many_threads_on_two_instances_cause_one_fetch() throws Exception {
    List<RedisAccessTokenStore> stores = List.of(instance(), instance());

    List<AccessToken> tokens = Instances.concurrently(24, i -> () -> stores.get(i % 2).get(this::fetch));

    assertThat(tokens).allSatisfy(token -> assertThat(token.value()).isEqualTo("token-1"));
    assertThat(fetches).hasValue(1);
  }

  @Test
  void a_lock_holder_that_died_mid_fetch_blocks_the_others_only_until_its_lease_lapses() {
    raw.set(keys.tokenLock(), "crashed-instance", SetArgs.Builder.px(300));
    CountDownLatch waited = new CountDownLatch(1);
    RedisAccessTokenStore store = instance(
        DEFAULTS.withLockTtl(Duration.ofMillis(300)).withLockWait(Duration.ofSeconds(10)), waited::countDown);

    AccessToken token = store.get(this::fetch);

    assertThat(waited.getCount()).as("it found the dead holder's lock first").isZero();
    assertThat(token.value()).isEqualTo("token-1");
    assertThat(raw.exists(keys.tokenLock())).as("its own lock released").isZero();
  }

  @Test
  void a_caller_gives_up_with_upstream_unavailable_when_the_wait_budget_runs_out() {
    raw.set(keys.tokenLock(), "stuck-instance", SetArgs.Builder.px(60_000));
    RedisAccessTokenStore store = instance(DEFAULTS.withLockWait(Duration.ofMillis(200)), () -> { });

    assertThatThrownBy(() -> store.get(this::fetch))
        .isInstanceOf(UpstreamUnavailable.class)
        .hasMessageContaining("Gave up after PT0.2S waiting for another instance fetching the access token")
        .hasMessageContaining(keys.tokenLock());
    assertThat(fetches).hasValue(0);
  }

  @Test
  void the_redis_ttl_is_the_tokens_remaining_life_by_the_stores_clock() {
    RedisAccessTokenStore store = instance();
    store.get(() -> new AccessToken("short", clock.instant().plus(Duration.ofMinutes(30))));

    assertThat(raw.pttl(keys.token())).isBetween(Duration.ofMinutes(30).minusSeconds(10).toMillis(),
        Duration.ofMinutes(30).toMillis());
  }

  @Test
  void inside_the_refresh_window_callers_keep_the_valid_token_while_another_instance_refreshes() {
    RedisAccessTokenStore store = instance();
    AccessToken first = store.get(this::fetch);
    clock.set(first.expiresAt().minus(Duration.ofMinutes(3)));
    raw.set(keys.tokenLock(), "instance-refreshing", SetArgs.Builder.px(60_000));

    assertThat(store.get(mustNotFetch())).isEqualTo(first);
    assertThat(fetches).hasValue(1);
  }

  @Test
  void one_caller_inside_the_refresh_window_refreshes_for_the_whole_cluster() throws Exception {
    List<RedisAccessTokenStore> stores = List.of(instance(), instance());
    AccessToken first = stores.get(0).get(this::fetch);
    clock.set(first.expiresAt().minus(Duration.ofMinutes(3)));

    List<AccessToken> tokens = Instances.concurrently(16, i -> () -> stores.get(i % 2).get(this::fetch));

    assertThat(tokens).allSatisfy(token -> assertThat(token.isUsableAt(clock.instant(), MARGIN)).isTrue());
    assertThat(fetches).hasValue(2);
    assertThat(stores.get(1).get(mustNotFetch()).value()).isEqualTo("token-2");
  }

  @Test
  void a_failed_refresh_keeps_the_current_token_and_the_next_caller_tries_again() {
    RedisAccessTokenStore store = instance();
    AccessToken first = store.get(this::fetch);
    clock.set(first.expiresAt().minus(Duration.ofMinutes(3)));

    assertThat(store.get(() -> {
      throw new UpstreamUnavailable("token endpoint down");
    })).isEqualTo(first);
    assertThat(raw.exists(keys.tokenLock())).as("lock released after the failure").isZero();

    store.get(this::fetch);
    assertThat(store.get(mustNotFetch()).value()).isEqualTo("token-2");
  }

  @Test
  void an_invalidation_by_one_instance_makes_the_cluster_fetch_once() {
    RedisAccessTokenStore a = instance();
    RedisAccessTokenStore b = instance();
    AccessToken first = a.get(this::fetch);
    assertThat(b.get(mustNotFetch())).isEqualTo(first);

    b.invalidate(first);

    assertThat(a.get(this::fetch).value()).isEqualTo("token-2");
    assertThat(b.get(mustNotFetch()).value()).isEqualTo("token-2");
    a.invalidate(first); // a late report of the old rejection
    assertThat(b.get(mustNotFetch()).value()).isEqualTo("token-2");
  }

  @Test
  void a_fetch_that_outlives_its_lease_is_handed_out_but_not_shared_and_the_new_holder_keeps_its_lock() {
    RedisAccessTokenStore store = instance();

    AccessToken token = store.get(() -> {
      raw.set(keys.tokenLock(), "instance-that-took-over"); // our lease lapsed and another instance took it
      return fetch();
    });

    assertThat(token.value()).isEqualTo("token-1");
    assertThat(raw.exists(keys.token())).isZero();
    assertThat(raw.get(keys.tokenLock())).isEqualTo("instance-that-took-over");
  }

  @Test
  void an_entry_from_a_newer_release_or_of_another_type_is_ignored_and_replaced() {
    RedisAccessTokenStore store = instance();
    raw.hset(keys.token(), Map.of("v", "2", "value", "from-the-future", "expires_at", "2026-03-01T02:00:00Z"));
    assertThat(store.get(this::fetch).value()).isEqualTo("token-1");
    assertThat(raw.hget(keys.token(), "value")).isEqualTo("token-1");

    raw.del(keys.token());
    raw.set(keys.token(), "not a hash");
    store.invalidate(new AccessToken("token-1", clock.instant().plus(LIFETIME)));
    assertThat(store.get(this::fetch).value()).isEqualTo("token-2");
    assertThat(raw.hget(keys.token(), "v")).isEqualTo("1");
  }
}
