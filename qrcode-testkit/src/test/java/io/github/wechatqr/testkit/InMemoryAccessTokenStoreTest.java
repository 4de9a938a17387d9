package io.github.wechatqr.testkit;

import io.github.wechatqr.domain.port.AccessTokenStore;
import java.time.Clock;
import java.time.Duration;

class InMemoryAccessTokenStoreTest extends AccessTokenStoreContract {
  @Override
  protected AccessTokenStore createStore(Clock clock, Duration safetyMargin) {
    return new InMemoryAccessTokenStore(clock, safetyMargin);
  }
}
