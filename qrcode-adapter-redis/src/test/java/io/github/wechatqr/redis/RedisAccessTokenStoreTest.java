package io.github.wechatqr.redis;

import io.github.wechatqr.domain.token.AccessTokenFetcher;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.testkit.AccessTokenStoreContract;
import java.time.Clock;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every rule of the kit against the real Redis; each store, each race repetition too, gets its own appid. */
@ExtendWith(SharedRedis.class)
class RedisAccessTokenStoreTest extends AccessTokenStoreContract {
  @Override
  protected AccessTokenStore createStore(Clock clock, TokenPolicy policy, AccessTokenFetcher fetcher,
      Executor refreshes) {
    return SharedRedis.stores().tokenStore(SharedRedis.freshAppId(), clock, policy, refreshes).create(fetcher);
  }

  /** The next repetition has an appid of its own already; this only keeps the shared Redis small. */
  @Override
  protected void clearStore(AccessTokenStore raced) {
    RedisKeys keys = ((RedisAccessTokenStore) raced).keys();
    SharedRedis.raw().del(keys.token(), keys.tokenRejected(), keys.tokenLock());
  }
}
