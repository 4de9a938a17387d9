package io.github.wechatqr.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.AppId;
import io.github.wechatqr.domain.port.AccountScoped;
import io.github.wechatqr.domain.token.AccessTokenFetcher;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.testkit.AccessTokenStoreContract;
import java.time.Clock;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every rule of the kit against the real Redis; each store, each race repetition too, gets its own appid. */
@ExtendWith(SharedRedis.class)
class RedisAccessTokenStoreTest extends AccessTokenStoreContract {
  @Override
  protected AccessTokenStore createStore(Clock clock, TokenPolicy policy, AccessTokenFetcher fetcher,
      Executor refreshes) {
    return SharedRedis.stores().tokenStore(SharedRedis.freshAppId(), clock, policy, refreshes).create(fetcher);
  }

  /** Each account's store on the one Redis, as {@code RedisStores.tokenStore(appId, ..)} makes it. */
  @Override
  protected AccessTokenStore createStore(AppId account, Clock clock, TokenPolicy policy,
      AccessTokenFetcher fetcher, Executor refreshes) {
    return SharedRedis.stores().tokenStore(account.value(), clock, policy, refreshes).create(fetcher);
  }

  @Test
  void a_token_store_factory_handed_to_another_account_is_scoped_to_its_keys() {
    AppId other = AppId.of(SharedRedis.freshAppId());
    AccessTokenStore.Factory factory = SharedRedis.stores().tokenStore(SharedRedis.freshAppId(), clock,
        TokenPolicy.defaults(), Runnable::run);
    assertThat(factory).isInstanceOf(AccountScoped.class);
    @SuppressWarnings("unchecked")
    AccessTokenStore.Factory scoped = ((AccountScoped<AccessTokenStore.Factory>) factory).forAccount(other);
    AccessTokenStore made = scoped.create(reason -> new AccessToken("t", clock.instant().plusSeconds(7200)));
    assertThat(((RedisAccessTokenStore) made).keys().appId()).isEqualTo(other.value());
    assertThat(scoped).hasToString("RedisStores.tokenStore[" + other + "]");
  }

  /** The next repetition has an appid of its own already; this only keeps the shared Redis small. */
  @Override
  protected void clearStore(AccessTokenStore raced) {
    RedisKeys keys = ((RedisAccessTokenStore) raced).keys();
    SharedRedis.raw().del(keys.token(), keys.tokenRejected(), keys.tokenLock());
  }
}
