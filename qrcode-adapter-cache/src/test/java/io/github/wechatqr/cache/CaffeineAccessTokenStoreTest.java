package io.github.wechatqr.cache;

import io.github.wechatqr.domain.port.AccessTokenStore;
import io.github.wechatqr.testkit.AccessTokenStoreContract;
import java.time.Clock;
import java.time.Duration;

class CaffeineAccessTokenStoreTest extends AccessTokenStoreContract {
  @Override
  protected AccessTokenStore createStore(Clock clock, Duration safetyMargin) {
    return new CaffeineAccessTokenStore(clock, safetyMargin);
  }
}
