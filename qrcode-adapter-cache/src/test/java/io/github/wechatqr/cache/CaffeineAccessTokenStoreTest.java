package io.github.wechatqr.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Scheduler;
import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.UpstreamUnavailable;
import io.github.wechatqr.domain.token.AccessTokenFetcher;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.testkit.AccessTokenStoreContract;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CaffeineAccessTokenStoreTest extends AccessTokenStoreContract {
  @Override
  protected AccessTokenStore createStore(Clock clock, TokenPolicy policy, AccessTokenFetcher fetcher,
      Executor refreshes) {
    return CaffeineAccessTokenStore.factory(new CacheRuntime(clock, refreshes, Scheduler.disabledScheduler()), policy)
        .create(fetcher);
  }

  @Test
  void the_statistics_count_hits_misses_and_fetches() {
    AtomicInteger calls = new AtomicInteger();
    CaffeineAccessTokenStore store = (CaffeineAccessTokenStore) CaffeineAccessTokenStore
        .factory(CacheRuntime.sameThread(clock), TokenPolicy.defaults())
        .create(reason -> {
          if (calls.incrementAndGet() == 1) {
            throw new UpstreamUnavailable("down");
          }
          return new AccessToken("t", clock.instant().plus(Duration.ofHours(2)));
        });
    assertThatThrownBy(store::get).isInstanceOf(UpstreamUnavailable.class);
    store.get();
    store.get();
    assertThat(store.stats().hitCount()).as(store.stats().toString()).isEqualTo(1);
    assertThat(store.stats().missCount()).isEqualTo(2);
    assertThat(store.stats().loadSuccessCount()).isEqualTo(1);
    assertThat(store.stats().loadFailureCount()).isEqualTo(1);
    assertThat(store.toString()).doesNotContain("=t,").contains("holding=true");
  }

  @Test
  void the_token_is_hidden_from_the_cache_inside_the_safety_margin() {
    CaffeineAccessTokenStore store = (CaffeineAccessTokenStore) CaffeineAccessTokenStore
        .factory(CacheRuntime.sameThread(clock), TokenPolicy.defaults())
        .create(reason -> new AccessToken("t" + reason, clock.instant().plus(Duration.ofHours(2))));
    AccessToken first = store.get();
    clock.set(first.expiresAt().minus(TokenPolicy.DEFAULT_SAFETY_MARGIN));
    assertThat(store.cache().asMap().get("access-token")).isNull();
  }

  @Test
  void a_factory_needs_its_parts() {
    assertThatThrownBy(() -> CaffeineAccessTokenStore.factory(null, TokenPolicy.defaults()))
        .isInstanceOf(NullPointerException.class).hasMessage("runtime");
    assertThatThrownBy(() -> CaffeineAccessTokenStore.factory(CacheRuntime.sameThread(clock), null))
        .isInstanceOf(NullPointerException.class).hasMessage("policy");
  }
}
