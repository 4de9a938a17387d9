package io.github.wechatqr.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wechatqr.domain.AccessToken;
import io.github.wechatqr.domain.token.AccessTokenFetcher;
import io.github.wechatqr.domain.token.AccessTokenStore;
import io.github.wechatqr.domain.token.TokenEvents;
import io.github.wechatqr.domain.token.TokenKeeper;
import io.github.wechatqr.domain.token.TokenPolicy;
import io.github.wechatqr.testkit.AccessTokenStoreContract;
import java.time.Clock;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * Observing a store changes none of its guarantees (the contract kit: the observing fetcher keeps the
 * refresh reasons and runs on the store's own refresh threads), nor what a broken store hands back.
 */
class ObservedAccessTokenStoreTest extends AccessTokenStoreContract {
  @Override
  protected AccessTokenStore createStore(Clock clock, TokenPolicy policy, AccessTokenFetcher fetcher,
      Executor refreshes) {
    return new AccessTokenState(clock).observe(TokenKeeper.inProcess(clock, policy, refreshes, TokenEvents.NONE))
        .create(fetcher);
  }

  @Test
  void a_store_that_returns_no_token_is_passed_through_for_the_gateway_to_refuse() {
    AccessTokenState state = new AccessTokenState(clock);
    AccessTokenStore.Factory broken = fetcher -> new AccessTokenStore() {
      @Override
      public AccessToken get() {
        return null;
      }

      @Override
      public void invalidate(AccessToken stale) {
      }
    };
    AccessTokenStore observed = state.observe(broken).create(reason -> null);

    assertThat(observed.get()).isNull();
    observed.invalidate(null);

    assertThat(state.validUntil()).isEmpty();
  }
}
