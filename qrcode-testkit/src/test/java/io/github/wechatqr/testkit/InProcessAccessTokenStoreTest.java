package io.github.wechatqr.testkit;

import io.github.wechatqr.domain.token.AccessTokenFetcher;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenEvents;
import io.github.wechatqr.domain.token.TokenKeeper;
import io.github.wechatqr.domain.token.TokenPolicy;
import java.time.Clock;
import java.util.concurrent.Executor;

/** The domain's in-process store (the gateway's default) keeps every rule of the kit. */
class InProcessAccessTokenStoreTest extends AccessTokenStoreContract {
  @Override
  protected AccessTokenStore createStore(Clock clock, TokenPolicy policy, AccessTokenFetcher fetcher,
      Executor refreshes) {
    return TokenKeeper.inProcess(clock, policy, refreshes, TokenEvents.NONE).create(fetcher);
  }
}
