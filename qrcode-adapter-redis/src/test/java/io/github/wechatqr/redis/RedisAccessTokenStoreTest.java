package io.github.wechatqr.redis;

import io.github.wechatqr.domain.port.AccessTokenStore;
import io.github.wechatqr.testkit.AccessTokenStoreContract;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedRedis.class)
class RedisAccessTokenStoreTest extends AccessTokenStoreContract {
  @Override
  protected AccessTokenStore createStore(Clock clock, Duration safetyMargin) {
    return SharedRedis.stores().accessTokenStore(SharedRedis.freshAppId(), clock, safetyMargin);
  }
}
