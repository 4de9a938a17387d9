package io.github.wechatqr.feign;

import io.github.wechatqr.domain.port.AccessTokenStore;
import io.github.wechatqr.testkit.AccessTokenStoreContract;
import java.time.Clock;
import java.time.Duration;

/** The default token store keeps the store contract. */
class LocalAccessTokenStoreTest extends AccessTokenStoreContract {
  @Override
  protected AccessTokenStore createStore(Clock clock, Duration safetyMargin) {
    return new LocalAccessTokenStore(clock, safetyMargin);
  }
}
